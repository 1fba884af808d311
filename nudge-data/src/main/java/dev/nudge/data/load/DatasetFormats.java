package dev.nudge.data.load;

import dev.nudge.core.InputException;
import dev.nudge.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The known data set formats: find a loader by name, or detect one from the files in a folder.
 * Detection tries the formats in {@link #all()} order, most specific first, so that a folder that
 * happens to hold several kinds of file is read the way its most distinctive files say.
 */
public final class DatasetFormats {
  /** The name that asks for detection instead of a fixed format. */
  public static final String AUTO = "auto";

  private static final List<DatasetLoader> ALL =
      List.of(
          new MovieLens100kLoader(),
          new MovieLens1mLoader(),
          new MovieLensCsvLoader(),
          new MindLoader(),
          new OpenBanditLoader(),
          new GenericLoader());

  private DatasetFormats() {}

  /** Every loader, in detection order. */
  public static List<DatasetLoader> all() {
    return ALL;
  }

  /** The names of all formats, in detection order. */
  public static List<String> names() {
    return ALL.stream().map(DatasetLoader::name).toList();
  }

  public static Optional<DatasetLoader> find(String name) {
    return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The loader called {@code name}; an unknown name is an error listing the known ones. */
  public static DatasetLoader named(String name) {
    return find(name)
        .orElseThrow(
            () ->
                InputException.forField(
                    "format", "unknown format '" + name + "'; known: " + AUTO + ", " + names()));
  }

  /**
   * The first loader that recognises {@code dir}. When none does, the error lists each format with
   * the files it looks for.
   */
  public static DatasetLoader detect(Path dir) {
    requireFolder(dir);
    for (DatasetLoader l : ALL) {
      if (l.recognises(dir)) {
        return l;
      }
    }
    String lookedFor =
        ALL.stream()
            .map(l -> l.name() + " (" + String.join(" + ", l.markers()) + ")")
            .collect(Collectors.joining(", "));
    throw InputException.inFile(dir, "no known data set format found; looked for " + lookedFor);
  }

  /** Loads {@code dir} with the named format, or the detected one when {@code format} is "auto". */
  public static Dataset load(Path dir, String format) {
    requireFolder(dir);
    DatasetLoader loader = AUTO.equals(format) ? detect(dir) : named(format);
    return loader.load(dir);
  }

  private static void requireFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw InputException.inFile(
          dir, Files.exists(dir) ? "not a folder; give the data set's folder" : "no such folder");
    }
  }
}
