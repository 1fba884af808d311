package dev.nudge.data.fetch;

import dev.nudge.core.InputException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data sets {@code nudge data fetch} knows, and the base URL of each publisher. Immutable; use
 * {@link #rebasedAt} to fetch everything from a mirror (or, in tests, from a local server).
 */
public final class DatasetRegistry {
  /** GroupLens's download folder for MovieLens. */
  public static final URI GROUPLENS = URI.create("https://files.grouplens.org/datasets/movielens/");

  /** Microsoft's MIND release (https://msnews.github.io/). */
  public static final URI MIND =
      URI.create("https://mind201910small.blob.core.windows.net/release/");

  private static final String GROUPLENS_SOURCE = "grouplens";
  private static final String MIND_SOURCE = "mind";

  private final Map<String, URI> sources;
  private final Map<String, RemoteDataset> datasets;

  /**
   * A registry of {@code datasets} whose archives name sources in {@code sources}. Base URLs are
   * folders: a missing trailing '/' is added.
   */
  public DatasetRegistry(Map<String, URI> sources, List<RemoteDataset> datasets) {
    Map<String, URI> bases = new LinkedHashMap<>();
    sources.forEach((key, base) -> bases.put(key, folder(base)));
    Map<String, RemoteDataset> byName = new LinkedHashMap<>();
    for (RemoteDataset d : datasets) {
      for (Archive a : d.archives()) {
        if (!bases.containsKey(a.source())) {
          throw new IllegalArgumentException(
              "data set '" + d.name() + "' names unknown source '" + a.source() + "'");
        }
      }
      if (byName.put(d.name(), d) != null) {
        throw new IllegalArgumentException("data set '" + d.name() + "' is registered twice");
      }
    }
    this.sources = Map.copyOf(bases);
    this.datasets = java.util.Collections.unmodifiableMap(byName);
  }

  /** The data sets Nudge knows, at their publishers. */
  public static DatasetRegistry standard() {
    return new DatasetRegistry(
        Map.of(GROUPLENS_SOURCE, GROUPLENS, MIND_SOURCE, MIND),
        List.of(
            movieLens(
                "ml-100k",
                "MovieLens 100K: 100,000 ratings, 943 users, 1,682 movies, with user and movie"
                    + " features (5 MB)",
                new ArchiveCheck.PinnedMd5("0e33842e24a9c977be4e0107933c0723")),
            movieLens(
                "ml-1m",
                "MovieLens 1M: 1,000,209 ratings, 6,040 users, 3,883 movies (6 MB)",
                new ArchiveCheck.PinnedMd5("c4d9eecfca2ab87c1945afe126590906")),
            // ml-latest-small is regenerated from time to time, so its sum is read from the
            // publisher's .md5 file rather than pinned.
            movieLens(
                "ml-latest-small",
                "MovieLens latest, small: about 100,000 ratings and 3,600 tags, 610 users (1 MB)",
                new ArchiveCheck.PublishedMd5()),
            movieLens(
                "ml-20m",
                "MovieLens 20M: 20,000,263 ratings, 138,493 users, 27,278 movies (190 MB)",
                new ArchiveCheck.PinnedMd5("cd245b17a1ae2cc31bb14903e1204af3")),
            mindSmall()));
  }

  private static RemoteDataset movieLens(String name, String description, ArchiveCheck check) {
    return new RemoteDataset(
        name,
        description,
        List.of(new Archive(GROUPLENS_SOURCE, name + ".zip", check, name + "/", "")),
        List.of());
  }

  /**
   * MIND-small: Microsoft publishes no archive checksums, so the four data files are checked
   * against the sizes and SHA-256 sums listed in the shared data README (taken from a third party's
   * Git LFS pointers; see docs/data-fetch.md).
   */
  private static RemoteDataset mindSmall() {
    return new RemoteDataset(
        "mind-small",
        "MIND-small: news clicks of 50,000 users, train and dev weeks (train 52 MB, dev 30 MB)",
        List.of(
            new Archive(
                MIND_SOURCE, "MINDsmall_train.zip", new ArchiveCheck.ContentOnly(), "", "train"),
            new Archive(
                MIND_SOURCE, "MINDsmall_dev.zip", new ArchiveCheck.ContentOnly(), "", "dev")),
        List.of(
            new FileCheck(
                "train/behaviors.tsv",
                92_019_716,
                "a424547c8fa17c9ea4879c2110221c2b2f2709f4f7615ede0b0d8e4765158658"),
            new FileCheck(
                "train/news.tsv",
                41_202_121,
                "cd49d7da275e9c405f627d75a0de9d4ec6ad43ff8a8db5d23a447591676e09d6"),
            new FileCheck(
                "dev/behaviors.tsv",
                42_838_544,
                "b6c460e33b1a8693252ded6e626da7d3ccf78920eea2ec11889020bb7d8443ef"),
            new FileCheck(
                "dev/news.tsv",
                33_519_092,
                "e5d144667558c449d16084fe6bfa01940c2f5d5785ea9f9110292bc3b94eb822")));
  }

  /** The same data sets, every publisher's files served from {@code base} (a mirror folder). */
  public DatasetRegistry rebasedAt(URI base) {
    Map<String, URI> moved = new LinkedHashMap<>();
    sources.keySet().forEach(key -> moved.put(key, base));
    return new DatasetRegistry(moved, List.copyOf(datasets.values()));
  }

  /** All data sets, in registration order. */
  public List<RemoteDataset> datasets() {
    return List.copyOf(datasets.values());
  }

  /** The data set called {@code name}; an unknown name is the user's error and lists the known. */
  public RemoteDataset get(String name) {
    RemoteDataset d = datasets.get(name);
    if (d == null) {
      throw InputException.forField(
          "name", "unknown data set '" + name + "'; known data sets are " + datasets.keySet());
    }
    return d;
  }

  /** Where {@code archive} is downloaded from. */
  public URI uri(Archive archive) {
    return sources.get(archive.source()).resolve(archive.file());
  }

  private static URI folder(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? base : URI.create(s + "/");
  }
}
