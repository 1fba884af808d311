package dev.nudge.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip archive below one folder, refusing any entry whose path would land outside it ("zip
 * slip": {@code ../} segments or absolute names) before writing anything from that entry.
 */
final class ZipUnpacker {
  private ZipUnpacker() {}

  /**
   * Unpacks {@code zip} into {@code target}, dropping {@code stripPrefix} from every entry name;
   * returns the number of files written.
   */
  static int unpack(Path zip, String label, String stripPrefix, Path target) {
    Path root = target.toAbsolutePath().normalize();
    int files = 0;
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Files.createDirectories(root);
      for (Enumeration<? extends ZipEntry> it = archive.entries(); it.hasMoreElements(); ) {
        ZipEntry entry = it.nextElement();
        String name = entry.getName();
        if (!name.startsWith(stripPrefix)) {
          throw new FetchException(
              label
                  + ": entry '"
                  + name
                  + "' is outside the expected folder '"
                  + stripPrefix
                  + "'");
        }
        String relative = name.substring(stripPrefix.length());
        if (relative.isEmpty()) {
          continue;
        }
        Path out = root.resolve(relative).normalize();
        if (relative.startsWith("/") || relative.contains("\\") || !out.startsWith(root)) {
          throw new FetchException(
              label
                  + ": entry '"
                  + name
                  + "' would be written outside the target folder; refusing"
                  + " to unpack this archive");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
          Files.copy(in, out);
        }
        files++;
      }
    } catch (IOException e) {
      throw new FetchException(label + ": cannot unpack: " + e.getMessage(), e);
    }
    return files;
  }
}
