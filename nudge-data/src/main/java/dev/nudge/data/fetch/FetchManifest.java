package dev.nudge.data.fetch;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The record a completed fetch leaves in the data set's folder ({@value #FILE}): the data set's
 * name, the MD5 of each archive as downloaded, and the size of every file unpacked. A later fetch
 * that finds it, with every file present at its size, has nothing to do.
 */
final class FetchManifest {
  static final String FILE = ".nudge-fetch";

  private static final String DATASET = "dataset";
  private static final String ARCHIVE = "archive.";
  private static final String SIZE = "file.";

  private FetchManifest() {}

  /** Writes the manifest of {@code folder}, listing every regular file below it. */
  static int write(Path folder, String dataset, Map<String, String> archiveMd5) {
    Map<String, String> entries = new TreeMap<>();
    entries.put(DATASET, dataset);
    archiveMd5.forEach((file, md5) -> entries.put(ARCHIVE + file, md5));
    int files = 0;
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          entries.put(SIZE + relative(folder, p), Long.toString(Files.size(p)));
          files++;
        }
      }
      Properties props = new Properties();
      props.putAll(entries);
      try (Writer out = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8)) {
        props.store(out, "written by nudge data fetch; delete the folder to fetch again");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fetch manifest in " + folder, e);
    }
    return files;
  }

  /**
   * Whether {@code folder} holds a complete fetch of {@code dataset}: a manifest for it, whose
   * archive sums match the pinned ones and whose files are all present at their recorded sizes.
   * Returns the number of files, or -1 when it does not.
   */
  static int verify(Path folder, RemoteDataset dataset) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return -1;
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
    if (!dataset.name().equals(props.getProperty(DATASET))) {
      return -1;
    }
    for (Archive a : dataset.archives()) {
      String recorded = props.getProperty(ARCHIVE + a.file());
      if (recorded == null
          || (a.check() instanceof ArchiveCheck.PinnedMd5(String hex) && !hex.equals(recorded))) {
        return -1;
      }
    }
    for (FileCheck check : dataset.files()) {
      if (!Long.toString(check.size()).equals(props.getProperty(SIZE + check.path()))) {
        return -1;
      }
    }
    int files = 0;
    for (String key : props.stringPropertyNames()) {
      if (!key.startsWith(SIZE)) {
        continue;
      }
      Path p = folder.resolve(key.substring(SIZE.length())).normalize();
      try {
        if (!p.startsWith(folder)
            || !Files.isRegularFile(p)
            || Files.size(p) != Long.parseLong(props.getProperty(key))) {
          return -1;
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
      files++;
    }
    return files;
  }

  private static String relative(Path folder, Path file) {
    return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }
}
