package dev.nudge.data.fetch;

import java.util.Objects;

/**
 * One zip archive of a data set: the publisher ({@code source}, a key of the registry's base URLs),
 * its file name there, how to check it, the folder prefix every entry starts with (stripped when
 * unpacking, e.g. {@code ml-100k/}; empty for none) and the sub-folder of the data set its files go
 * to (empty for the data set's own folder).
 */
public record Archive(
    String source, String file, ArchiveCheck check, String stripPrefix, String into) {

  public Archive {
    requireText("source", source);
    requireText("file", file);
    Objects.requireNonNull(check, "check must not be null");
    Objects.requireNonNull(stripPrefix, "stripPrefix must not be null (use \"\")");
    Objects.requireNonNull(into, "into must not be null (use \"\")");
    if (file.contains("/") || file.contains("\\")) {
      throw new IllegalArgumentException("file must be a plain file name, got '" + file + "'");
    }
    if (!stripPrefix.isEmpty() && !stripPrefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "stripPrefix must end with '/', got '" + stripPrefix + "'");
    }
    if (into.startsWith("/") || into.contains("..")) {
      throw new IllegalArgumentException("into must be a relative folder, got '" + into + "'");
    }
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got '" + value + "'");
    }
  }
}
