package dev.nudge.cli;

import dev.nudge.data.Dataset;
import dev.nudge.data.load.DatasetFormats;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} and {@code --format} options of every command that reads a data set. */
final class DatasetOptions {
  @Option(names = "--data", required = true, description = "The data set's folder.")
  Path data;

  @Option(
      names = "--format",
      defaultValue = DatasetFormats.AUTO,
      description =
          "auto, ml-100k, ml-1m, ml-csv, mind, obd or generic. Default: ${DEFAULT-VALUE}.")
  String format;

  /** Loads the data set, reporting bad input as {@code file:line: reason}. */
  Dataset load() {
    return DatasetFormats.load(data, format);
  }
}
