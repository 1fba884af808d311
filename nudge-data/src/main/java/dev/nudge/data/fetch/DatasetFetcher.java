package dev.nudge.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Downloads a registered data set into {@code <dir>/<name>}: each archive is streamed to a staging
 * folder beside the target while its MD5 is computed, checked, unpacked there (entries that would
 * escape are refused), the unpacked files are checked where the registry lists them, and the
 * finished folder is renamed into place. A folder that a previous fetch completed is verified and
 * left alone. Safe to share; fetches of different data sets may run at once.
 */
public final class DatasetFetcher {
  private final DatasetRegistry registry;
  private final HttpDownloader downloader;

  public DatasetFetcher(DatasetRegistry registry, HttpClient http, ProgressFactory progress) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.downloader =
        new HttpDownloader(
            Objects.requireNonNull(http, "http"), Objects.requireNonNull(progress, "progress"));
  }

  /** A client that follows redirects (GroupLens redirects http to https) with sane timeouts. */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  public DatasetRegistry registry() {
    return registry;
  }

  /**
   * Fetches {@code name} into {@code dir/name}. When that folder holds a verified earlier fetch,
   * nothing is downloaded. When it exists otherwise (an interrupted copy, someone's own files) it
   * is replaced only with {@code force}.
   *
   * @throws dev.nudge.core.InputException for an unknown name
   * @throws FetchException when downloading, checking or unpacking fails; nothing is left behind
   */
  public FetchResult fetch(String name, Path dir, boolean force) {
    RemoteDataset dataset = registry.get(name);
    Path target = dir.resolve(dataset.name()).toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      int files = FetchManifest.verify(target, dataset);
      if (files >= 0) {
        return new FetchResult(dataset, target, false, 0, files);
      }
      if (!force) {
        throw new FetchException(
            target
                + " exists but is not a complete fetch of "
                + dataset.name()
                + "; remove it or fetch again with --force to replace it");
      }
    } else if (Files.exists(target)) {
      throw new FetchException(target + " exists and is not a folder");
    }
    Path staging = createStaging(target);
    try {
      Path downloads = Files.createDirectory(staging.resolve("downloads"));
      Path content = Files.createDirectory(staging.resolve("content"));
      Map<String, String> sums = new LinkedHashMap<>();
      long bytes = 0;
      for (Archive archive : dataset.archives()) {
        URI uri = registry.uri(archive);
        Path zip = downloads.resolve(archive.file());
        String expected = expectedMd5(archive, uri);
        HttpDownloader.Downloaded got =
            downloader.download(uri, zip, dataset.name() + " " + archive.file());
        if (expected != null && !expected.equals(got.md5())) {
          throw new FetchException(
              archive.file()
                  + " from "
                  + uri
                  + " has MD5 "
                  + got.md5()
                  + " but "
                  + expected
                  + " was expected; the download is corrupt or the publisher changed the file."
                  + " Nothing was written to "
                  + target);
        }
        sums.put(archive.file(), got.md5());
        bytes += got.bytes();
        Path into = archive.into().isEmpty() ? content : content.resolve(archive.into());
        ZipUnpacker.unpack(zip, archive.file(), archive.stripPrefix(), into);
        Files.delete(zip);
      }
      for (FileCheck check : dataset.files()) {
        verify(content, check, dataset.name());
      }
      int files = FetchManifest.write(content, dataset.name(), sums);
      moveIntoPlace(content, target, staging);
      return new FetchResult(dataset, target, true, bytes, files);
    } catch (IOException e) {
      throw new FetchException("cannot write " + dataset.name() + " under " + dir + ": " + e, e);
    } finally {
      deleteTree(staging);
    }
  }

  private String expectedMd5(Archive archive, URI uri) {
    return switch (archive.check()) {
      case ArchiveCheck.PinnedMd5(String hex) -> hex;
      case ArchiveCheck.PublishedMd5() -> downloader.publishedMd5(URI.create(uri + ".md5"));
      case ArchiveCheck.ContentOnly() -> null;
    };
  }

  private static void verify(Path content, FileCheck check, String dataset) throws IOException {
    Path file = content.resolve(check.path());
    if (!Files.isRegularFile(file)) {
      throw new FetchException(dataset + ": " + check.path() + " is missing from the archives");
    }
    long size = Files.size(file);
    if (size != check.size()) {
      throw new FetchException(
          dataset + ": " + check.path() + " has " + size + " bytes, expected " + check.size());
    }
    MessageDigest sha = HttpDownloader.digest("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    String actual = HexFormat.of().formatHex(sha.digest());
    if (!actual.equals(check.sha256())) {
      throw new FetchException(
          dataset
              + ": "
              + check.path()
              + " has SHA-256 "
              + actual
              + " but "
              + check.sha256()
              + " was expected");
    }
  }

  /** A hidden folder beside the target, on the same file system so the final rename is atomic. */
  private static Path createStaging(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempDirectory(
          target.getParent(), "." + target.getFileName() + ".partial-");
    } catch (IOException e) {
      throw new FetchException("cannot create a folder under " + target.getParent() + ": " + e, e);
    }
  }

  private static void moveIntoPlace(Path content, Path target, Path staging) throws IOException {
    Path replaced = staging.resolve("replaced");
    boolean movedAside = false;
    if (Files.exists(target)) {
      // Move the old folder aside first; it is deleted with the staging folder.
      Files.move(target, replaced, StandardCopyOption.ATOMIC_MOVE);
      movedAside = true;
    }
    try {
      Files.move(content, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (movedAside) {
        Files.move(replaced, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
  }

  /**
   * Removes the staging folder, best effort: it runs in a {@code finally}, where throwing would
   * hide the error that made the fetch fail, and a leftover hidden folder does not affect later
   * fetches.
   */
  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // Each fetch stages under a fresh name, so a hidden leftover never affects a later one.
    }
  }
}
