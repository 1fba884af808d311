package dev.nudge.data.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Where test fixtures and the real data sets are. */
final class Fixtures {
  private Fixtures() {}

  /** Suffix of fixture files stored under another name than the loader reads. */
  private static final String STORED = ".fixture";

  /**
   * A fixture folder under src/test/resources/load, e.g. "ml-100k/good". Files stored as {@code
   * NAME.fixture} are handed to the loader as {@code NAME} from a copy of the folder: fixtures that
   * mimic licensed data sets' file names (MovieLens' u.data, MIND's behaviors.tsv, ...) are
   * hand-written, and storing them under another name keeps the repository free of files that look
   * like the data itself.
   */
  static Path dir(String name) {
    URL url = Fixtures.class.getResource("/load/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture folder load/" + name);
    }
    try {
      Path source = Path.of(url.toURI());
      try (Stream<Path> files = Files.list(source)) {
        if (files.noneMatch(f -> f.getFileName().toString().endsWith(STORED))) {
          return source;
        }
      }
      Path copy = Path.of(System.getProperty("java.io.tmpdir"), "fixtures", name);
      Files.createDirectories(copy);
      try (Stream<Path> files = Files.list(source)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String file = f.getFileName().toString();
          String target =
              file.endsWith(STORED) ? file.substring(0, file.length() - STORED.length()) : file;
          Files.copy(f, copy.resolve(target), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return copy;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare fixture folder load/" + name, e);
    }
  }

  /** The shared real data sets (../shared/data unless the build says otherwise). */
  static Path realData() {
    return Path.of(System.getProperty("nudge.data.dir", "../shared/data"));
  }
}
