package dev.nudge.data.load;

import dev.nudge.core.InputException;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CSV MovieLens releases (latest-small, latest, 20M, 25M, 32M): {@code ratings.csv} ({@code
 * userId,movieId,rating,timestamp}, half-star ratings 0.5-5), {@code movies.csv} ({@code
 * movieId,title,genres}, titles quoted when they hold commas, genres '|'-separated or "(no genres
 * listed)") and an optional {@code tags.csv} ({@code userId,movieId,tag,timestamp}). UTF-8, one
 * header line each; columns are found by name.
 *
 * <p>Items get genres as topics (the first listed is primary), the title as text, the year from the
 * title as {@value MovieLens100kLoader#YEAR} and, with tags.csv, the distinct tags users gave them
 * as the multi-categorical feature {@value #TAGS}. These releases have no user file: users are the
 * ids of ratings.csv, in order of appearance, with no features.
 */
public final class MovieLensCsvLoader implements DatasetLoader {
  public static final String TAGS = "tags";

  @Override
  public String name() {
    return "ml-csv";
  }

  @Override
  public List<String> markers() {
    return List.of("ratings.csv", "movies.csv");
  }

  @Override
  public Dataset load(Path dir) {
    List<String[]> movies = readMovieRows(dir.resolve("movies.csv"));
    IdIndex itemIds = new IdIndex();
    for (String[] m : movies) {
      itemIds.add(m[0]);
    }
    Path tagsFile = dir.resolve("tags.csv");
    Map<Integer, Set<String>> tags =
        Files.isRegularFile(tagsFile) ? readTags(tagsFile, itemIds) : null;
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT)
            .declare(MovieLens100kLoader.YEAR, FeatureType.NUMERIC);
    if (tags != null) {
      b.declare(TAGS, FeatureType.MULTI_CATEGORICAL);
    }
    for (int item = 0; item < movies.size(); item++) {
      String[] m = movies.get(item);
      b.nextRow()
          .set(Catalogue.TEXT, m[1])
          .set(MovieLens100kLoader.YEAR, MovieLensTitles.year(m[1]));
      MovieLens1mLoader.addGenres(b, m[2]);
      if (tags != null) {
        for (String tag : tags.getOrDefault(item, Set.of())) {
          b.add(TAGS, tag);
        }
      }
    }
    IdIndex userIds = new IdIndex();
    InteractionLog log = readRatings(dir.resolve("ratings.csv"), userIds, itemIds.freeze());
    return new Dataset(name(), Catalogue.of(itemIds, b.build()), UserTable.anonymous(userIds), log);
  }

  /** movies.csv as [id, title, genres] rows, in file order. */
  private static List<String[]> readMovieRows(Path file) {
    List<String[]> rows = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      int id = h.require(in, "movieId");
      int title = h.require(in, "title");
      int genres = h.require(in, "genres");
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = h.fields(in, line);
        if (!seen.add(f[id])) {
          throw in.error("duplicate movieId '" + f[id] + "'");
        }
        rows.add(new String[] {f[id], f[title], f[genres]});
      }
    }
    if (rows.isEmpty()) {
      throw InputException.inFile(file, "no movies in the file");
    }
    return rows;
  }

  /** Distinct tags per item key, in the order first given. */
  private static Map<Integer, Set<String>> readTags(Path file, IdIndex items) {
    Map<Integer, Set<String>> tags = new HashMap<>();
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      int movie = h.require(in, "movieId");
      int tag = h.require(in, "tag");
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = h.fields(in, line);
        int item = items.indexOf(f[movie]);
        if (item < 0) {
          throw in.error("unknown movieId '" + f[movie] + "' (not in movies.csv)");
        }
        String t = f[tag].strip();
        if (!t.isEmpty()) {
          tags.computeIfAbsent(item, k -> new LinkedHashSet<>()).add(t);
        }
      }
    }
    return tags;
  }

  private static InteractionLog readRatings(Path file, IdIndex users, IdIndex items) {
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      int[] cols = {
        h.require(in, "userId"),
        h.require(in, "movieId"),
        h.require(in, "rating"),
        h.require(in, "timestamp")
      };
      RatingsReader.Splitter splitter =
          (r, line) -> {
            String[] f = h.fields(r, line);
            return new String[] {f[cols[0]], f[cols[1]], f[cols[2]], f[cols[3]]};
          };
      return new RatingsReader(splitter, 0.5f, 5f).read(in, users, items, "movies.csv");
    }
  }
}
