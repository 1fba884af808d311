package dev.nudge.data.load;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Where test fixtures and the real data sets are. */
final class Fixtures {
  private Fixtures() {}

  /** A fixture folder under src/test/resources/load, e.g. "ml-100k/good". */
  static Path dir(String name) {
    URL url = Fixtures.class.getResource("/load/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture folder load/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared real data sets (../shared/data unless the build says otherwise). */
  static Path realData() {
    return Path.of(System.getProperty("nudge.data.dir", "../shared/data"));
  }
}
