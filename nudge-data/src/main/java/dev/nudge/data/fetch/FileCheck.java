package dev.nudge.data.fetch;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file a data set must contain once unpacked, with its size in bytes and SHA-256, for data sets
 * whose publisher gives no archive checksum (MIND).
 */
public record FileCheck(String path, long size, String sha256) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public FileCheck {
    if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("path must be a relative path, got '" + path + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 hexadecimal digits, got " + sha256);
    }
  }
}
