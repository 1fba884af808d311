package dev.nudge.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFetcherTest {
  private static final String SOURCE = "fixture";

  private final FixtureServer server = new FixtureServer();
  @TempDir Path dir;

  private final byte[] zip =
      FixtureServer.zip(
          FixtureServer.entries(
              "fix/", "",
              "fix/u.data", "1\t2\t5\t881250949\n",
              "fix/sub/", "",
              "fix/sub/notes.txt", "hello"));

  @AfterEach
  void stop() {
    server.close();
  }

  private DatasetFetcher fetcher(ArchiveCheck check, List<FileCheck> files, String prefix) {
    RemoteDataset fix =
        new RemoteDataset(
            "fix", "a fixture", List.of(new Archive(SOURCE, "fix.zip", check, prefix, "")), files);
    return new DatasetFetcher(
        new DatasetRegistry(Map.of(SOURCE, server.base()), List.of(fix)),
        DatasetFetcher.defaultClient(),
        ProgressFactory.silent());
  }

  private DatasetFetcher pinned() {
    return fetcher(new ArchiveCheck.PinnedMd5(FixtureServer.md5(zip)), List.of(), "fix/");
  }

  @Test
  void downloadsVerifiesAndUnpacksIntoTheDataSetsFolder() throws IOException {
    server.put("fix.zip", zip);
    List<long[]> bars = new ArrayList<>();
    RemoteDataset fix =
        new RemoteDataset(
            "fix",
            "a fixture",
            List.of(
                new Archive(
                    SOURCE,
                    "fix.zip",
                    new ArchiveCheck.PinnedMd5(FixtureServer.md5(zip)),
                    "fix/",
                    "")),
            List.of());
    DatasetFetcher fetcher =
        new DatasetFetcher(
            new DatasetRegistry(Map.of(SOURCE, server.base()), List.of(fix)),
            DatasetFetcher.defaultClient(),
            (task, total, unit) -> recording(bars, total));

    FetchResult result = fetcher.fetch("fix", dir, false);

    Path target = dir.resolve("fix").toAbsolutePath();
    assertThat(result.directory()).isEqualTo(target);
    assertThat(result.downloaded()).isTrue();
    assertThat(result.bytes()).isEqualTo(zip.length);
    assertThat(result.files()).isEqualTo(2);
    assertThat(Files.readString(target.resolve("u.data"))).isEqualTo("1\t2\t5\t881250949\n");
    assertThat(Files.readString(target.resolve("sub/notes.txt"))).isEqualTo("hello");
    assertThat(target.resolve(FetchManifest.FILE)).isRegularFile();
    assertThat(listing(dir)).containsExactly("fix");
    // One bar over the archive in KiB, stepped to exactly its total.
    long kib = (zip.length + 1023) / 1024;
    assertThat(bars).hasSize(1);
    assertThat(bars.get(0)).containsExactly(kib, kib);
  }

  @Test
  void readsThePublishedMd5BesideTheArchiveInEitherFormat() throws IOException {
    server.put("fix.zip", zip);
    String md5 = FixtureServer.md5(zip);
    for (String published : List.of("MD5 (fix.zip) = " + md5 + "\n", md5 + "  fix.zip\n")) {
      server.put("fix.zip.md5", published.getBytes(StandardCharsets.US_ASCII));
      Path into = Files.createDirectories(dir.resolve(published.substring(0, 3)));
      FetchResult r =
          fetcher(new ArchiveCheck.PublishedMd5(), List.of(), "fix/").fetch("fix", into, false);
      assertThat(r.downloaded()).isTrue();
      assertThat(into.resolve("fix/u.data")).isRegularFile();
    }
    assertThat(server.requests("fix.zip.md5")).isEqualTo(2);
  }

  @Test
  void aChecksumMismatchFailsClearlyAndLeavesNothing() {
    server.put("fix.zip", zip);
    String wrong = "0123456789abcdef0123456789abcdef";
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.PinnedMd5(wrong), List.of(), "fix/")
                    .fetch("fix", dir, false))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("fix.zip from " + server.base() + "fix.zip")
        .hasMessageContaining("has MD5 " + FixtureServer.md5(zip))
        .hasMessageContaining("but " + wrong + " was expected");
    assertThat(listing(dir)).isEmpty();

    server.put("fix.zip.md5", "no sum here".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.PublishedMd5(), List.of(), "fix/")
                    .fetch("fix", dir, false))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("no MD5 sum found in " + server.base() + "fix.zip.md5");
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void aMissingArchiveIsAnHttpErrorNamingTheUrl() {
    assertThatThrownBy(() -> pinned().fetch("fix", dir, false))
        .isInstanceOf(FetchException.class)
        .hasMessage("HTTP 404 from " + server.base() + "fix.zip (not found)");
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void refusesAnArchiveWhoseEntriesEscapeTheTarget() throws IOException {
    for (String evil : List.of("fix/../../evil.txt", "fix/sub/../../../evil.txt")) {
      byte[] bad = FixtureServer.zip(FixtureServer.entries("fix/ok.txt", "fine", evil, "gotcha"));
      server.put("fix.zip", bad);
      assertThatThrownBy(
              () ->
                  fetcher(new ArchiveCheck.PinnedMd5(FixtureServer.md5(bad)), List.of(), "fix/")
                      .fetch("fix", dir, false))
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("entry '" + evil + "' would be written outside the target folder");
      assertThat(listing(dir)).isEmpty();
      assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
      assertThat(dir.resolve("evil.txt")).doesNotExist();
    }
    byte[] absolute = FixtureServer.zip(FixtureServer.entries("/tmp/evil.txt", "x"));
    server.put("fix.zip", absolute);
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.PinnedMd5(FixtureServer.md5(absolute)), List.of(), "")
                    .fetch("fix", dir, false))
        .hasMessageContaining("entry '/tmp/evil.txt' would be written outside");
    byte[] stray = FixtureServer.zip(FixtureServer.entries("fix/a.txt", "a", "other/b.txt", "b"));
    server.put("fix.zip", stray);
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.PinnedMd5(FixtureServer.md5(stray)), List.of(), "fix/")
                    .fetch("fix", dir, false))
        .hasMessageContaining("entry 'other/b.txt' is outside the expected folder 'fix/'");
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void aSecondFetchFindsTheVerifiedFolderAndDownloadsNothing() throws IOException {
    server.put("fix.zip", zip);
    DatasetFetcher fetcher = pinned();
    fetcher.fetch("fix", dir, false);
    FetchResult again = fetcher.fetch("fix", dir, false);
    assertThat(again.downloaded()).isFalse();
    assertThat(again.bytes()).isZero();
    assertThat(again.files()).isEqualTo(2);
    assertThat(server.requests("fix.zip")).isEqualTo(1);

    // A damaged folder is not silently reused, nor silently replaced.
    Files.writeString(dir.resolve("fix/u.data"), "truncated");
    assertThatThrownBy(() -> fetcher.fetch("fix", dir, false))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("is not a complete fetch of fix")
        .hasMessageContaining("--force");
    assertThat(server.requests("fix.zip")).isEqualTo(1);
    FetchResult forced = fetcher.fetch("fix", dir, true);
    assertThat(forced.downloaded()).isTrue();
    assertThat(Files.readString(dir.resolve("fix/u.data"))).isEqualTo("1\t2\t5\t881250949\n");
    assertThat(server.requests("fix.zip")).isEqualTo(2);
    assertThat(listing(dir)).containsExactly("fix");
  }

  @Test
  void checksTheUnpackedFilesWhereTheRegistryListsThem() throws IOException {
    byte[] content = "1\t2\t5\t881250949\n".getBytes(StandardCharsets.UTF_8);
    server.put("fix.zip", zip);
    FileCheck good = new FileCheck("u.data", content.length, FixtureServer.sha256(content));
    FetchResult r =
        fetcher(new ArchiveCheck.ContentOnly(), List.of(good), "fix/").fetch("fix", dir, false);
    assertThat(r.downloaded()).isTrue();
    Files.walk(dir.resolve("fix"))
        .sorted((a, b) -> b.compareTo(a))
        .forEach(p -> p.toFile().delete());

    FileCheck wrongSum = new FileCheck("u.data", content.length, "ab".repeat(32));
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.ContentOnly(), List.of(wrongSum), "fix/")
                    .fetch("fix", dir, false))
        .isInstanceOf(FetchException.class)
        .hasMessage(
            "fix: u.data has SHA-256 "
                + FixtureServer.sha256(content)
                + " but "
                + "ab".repeat(32)
                + " was expected");
    FileCheck missing = new FileCheck("news.tsv", 1, "ab".repeat(32));
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.ContentOnly(), List.of(missing), "fix/")
                    .fetch("fix", dir, false))
        .hasMessage("fix: news.tsv is missing from the archives");
    FileCheck wrongSize = new FileCheck("u.data", 3, FixtureServer.sha256(content));
    assertThatThrownBy(
            () ->
                fetcher(new ArchiveCheck.ContentOnly(), List.of(wrongSize), "fix/")
                    .fetch("fix", dir, false))
        .hasMessage("fix: u.data has " + content.length + " bytes, expected 3");
    assertThat(listing(dir)).isEmpty();
  }

  private static Progress recording(List<long[]> bars, long total) {
    long[] bar = {total, 0};
    bars.add(bar);
    return new Progress() {
      @Override
      public void step(long n) {
        bar[1] += n;
      }

      @Override
      public void message(String text) {}

      @Override
      public void close() {}
    };
  }

  private static List<String> listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
