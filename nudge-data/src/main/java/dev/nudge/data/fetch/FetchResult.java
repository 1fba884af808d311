package dev.nudge.data.fetch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a fetch did: the data set, the folder it is in, whether it was downloaded now or found
 * already present and verified, how many bytes were downloaded and how many files the folder holds.
 */
public record FetchResult(
    RemoteDataset dataset, Path directory, boolean downloaded, long bytes, int files) {

  public FetchResult {
    Objects.requireNonNull(dataset, "dataset must not be null");
    Objects.requireNonNull(directory, "directory must not be null");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
    if (files < 0) {
      throw new IllegalArgumentException("files must be >= 0, got " + files);
    }
  }
}
