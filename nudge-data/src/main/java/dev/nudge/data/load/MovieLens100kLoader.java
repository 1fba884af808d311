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
import java.util.List;

/**
 * MovieLens 100K: {@code u.data} (TAB: user, item, rating 1-5, unix seconds), {@code u.item} ('|',
 * 24 fields, ISO-8859-1: id, title, release date, video date, URL, 19 genre flags) and {@code
 * u.user} ('|': id, age, gender, occupation, zip). Genres come from {@code u.genre} when present.
 *
 * <p>Items get the genres they are flagged with as topics, in {@code u.genre} order (so the primary
 * topic is the first flagged genre), the title as text and the release year as the numeric feature
 * {@value #YEAR}; the always-empty video date and the URL are dropped. Users get {@value #AGE}
 * (numeric), {@value #GENDER}, {@value #OCCUPATION} and {@value #ZIP} (categorical).
 */
public final class MovieLens100kLoader implements DatasetLoader {
  public static final String YEAR = "year";
  public static final String AGE = "age";
  public static final String GENDER = "gender";
  public static final String OCCUPATION = "occupation";
  public static final String ZIP = "zip";

  /** The 19 genres of u.genre, in flag order; used when the folder has no u.genre. */
  static final List<String> GENRES =
      List.of(
          "unknown",
          "Action",
          "Adventure",
          "Animation",
          "Children's",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Film-Noir",
          "Horror",
          "Musical",
          "Mystery",
          "Romance",
          "Sci-Fi",
          "Thriller",
          "War",
          "Western");

  private static final int ITEM_FIELDS = 5 + GENRES.size();

  @Override
  public String name() {
    return "ml-100k";
  }

  @Override
  public List<String> markers() {
    return List.of("u.data", "u.item");
  }

  @Override
  public Dataset load(Path dir) {
    IdIndex genres = readGenres(dir.resolve("u.genre"));
    IdIndex itemIds = new IdIndex();
    FeatureTable items = readItems(dir.resolve("u.item"), genres, itemIds);
    IdIndex userIds = new IdIndex();
    FeatureTable users = readUsers(dir.resolve("u.user"), userIds);
    InteractionLog log;
    try (LineReader in = LineReader.open(dir.resolve("u.data"), StandardCharsets.US_ASCII)) {
      log =
          new RatingsReader((r, line) -> Fields.split(r, line, "\t", 4), 1f, 5f)
              .read(in, userIds.freeze(), itemIds.freeze(), "u.item");
    }
    return new Dataset(name(), Catalogue.of(itemIds, items), new UserTable(userIds, users), log);
  }

  /** u.genre ("name|index" lines) when present, else the standard 19 names. */
  private static IdIndex readGenres(Path file) {
    if (!Files.isRegularFile(file)) {
      return IdIndex.of(GENRES);
    }
    List<String> names = new ArrayList<>();
    try (LineReader in = LineReader.open(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, "|", 2);
        int index = Fields.parseInt(in, f[1], "genre index");
        if (index != names.size()) {
          throw in.error("genre index " + index + " out of order, expected " + names.size());
        }
        names.add(f[0]);
      }
      if (names.size() != GENRES.size()) {
        throw InputException.inFile(
            file, "expected " + GENRES.size() + " genres, found " + names.size());
      }
    }
    return IdIndex.of(names);
  }

  private static FeatureTable readItems(Path file, IdIndex genres, IdIndex ids) {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL, genres)
            .declare(Catalogue.TEXT, FeatureType.TEXT)
            .declare(YEAR, FeatureType.NUMERIC);
    try (LineReader in = LineReader.open(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, "|", ITEM_FIELDS);
        if (ids.contains(f[0])) {
          throw in.error("duplicate item id '" + f[0] + "'");
        }
        ids.add(f[0]);
        b.nextRow().set(Catalogue.TEXT, f[1]);
        if (!f[2].isEmpty()) {
          b.set(YEAR, releaseYear(in, f[2]));
        }
        for (int g = 0; g < genres.size(); g++) {
          String flag = f[5 + g];
          if (flag.equals("1")) {
            b.add(Catalogue.TOPICS, genres.id(g));
          } else if (!flag.equals("0")) {
            throw in.error("genre flag " + (g + 1) + " is '" + flag + "', not 0 or 1");
          }
        }
      }
    }
    if (ids.size() == 0) {
      throw InputException.inFile(file, "no items in the file");
    }
    return b.build();
  }

  /** The year of a date such as "01-Jan-1995". */
  private static float releaseYear(LineReader in, String date) {
    if (date.length() < 4) {
      throw in.error("release date '" + date + "' is not DD-Mon-YYYY");
    }
    return Fields.parseInt(in, date.substring(date.length() - 4), "release year");
  }

  private static FeatureTable readUsers(Path file, IdIndex ids) {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(AGE, FeatureType.NUMERIC)
            .declare(GENDER, FeatureType.CATEGORICAL)
            .declare(OCCUPATION, FeatureType.CATEGORICAL)
            .declare(ZIP, FeatureType.CATEGORICAL);
    try (LineReader in = LineReader.open(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, "|", 5);
        if (ids.contains(f[0])) {
          throw in.error("duplicate user id '" + f[0] + "'");
        }
        ids.add(f[0]);
        b.nextRow()
            .set(AGE, Fields.parseInt(in, f[1], "age"))
            .set(GENDER, f[2])
            .set(OCCUPATION, f[3])
            .set(ZIP, f[4]);
      }
    }
    return b.build();
  }
}
