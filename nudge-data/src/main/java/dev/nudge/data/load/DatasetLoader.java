package dev.nudge.data.load;

import dev.nudge.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one on-disk data set format from a folder. Implementations are stateless and thread-safe.
 */
public interface DatasetLoader {

  /** The format's name, as given to {@code --format} ("ml-100k", "obd"). */
  String name();

  /**
   * The files whose presence identifies this format in a folder; {@link #recognises} needs all of
   * them. Also shown to users when no format matches.
   */
  List<String> markers();

  /** Whether the folder looks like this format (all {@link #markers()} are present). */
  default boolean recognises(Path dir) {
    return markers().stream().allMatch(m -> Files.isRegularFile(dir.resolve(m)));
  }

  /**
   * Loads the data set in {@code dir}.
   *
   * @throws dev.nudge.core.InputException when a file is missing or malformed; the message names
   *     the file, the line and the reason
   */
  Dataset load(Path dir);
}
