package dev.nudge.data.fetch;

import java.util.Locale;
import java.util.regex.Pattern;

/** How an archive is checked once downloaded. */
public sealed interface ArchiveCheck {

  /** An MD5 known in advance (GroupLens's published sums for archives that never change). */
  record PinnedMd5(String hex) implements ArchiveCheck {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

    public PinnedMd5 {
      hex = hex == null ? null : hex.toLowerCase(Locale.ROOT);
      if (hex == null || !HEX.matcher(hex).matches()) {
        throw new IllegalArgumentException("hex must be 32 hexadecimal digits, got " + hex);
      }
    }
  }

  /**
   * The MD5 the publisher serves beside the archive at {@code <archive URL>.md5}, for archives that
   * are regenerated from time to time (ml-latest-small).
   */
  record PublishedMd5() implements ArchiveCheck {}

  /** No archive checksum is published; the unpacked files are checked instead. */
  record ContentOnly() implements ArchiveCheck {}
}
