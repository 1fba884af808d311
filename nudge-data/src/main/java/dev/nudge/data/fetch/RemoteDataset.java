package dev.nudge.data.fetch;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data set that can be fetched: its name (also the folder it is unpacked to), a one-line
 * description, its archives and the files to check after unpacking.
 */
public record RemoteDataset(
    String name, String description, List<Archive> archives, List<FileCheck> files) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  public RemoteDataset {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be lower-case letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    Objects.requireNonNull(description, "description must not be null");
    archives = List.copyOf(archives);
    files = List.copyOf(files);
    if (archives.isEmpty()) {
      throw new IllegalArgumentException("archives must not be empty for data set '" + name + "'");
    }
  }
}
