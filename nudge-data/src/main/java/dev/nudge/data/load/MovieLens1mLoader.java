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
import java.util.List;

/**
 * MovieLens 1M and 10M: {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp}), {@code
 * movies.dat} ({@code MovieID::Title::Genres}, genres '|'-separated) and, for 1M only, {@code
 * users.dat} ({@code UserID::Gender::Age::Occupation::Zip-code}); '::'-separated, ISO-8859-1.
 *
 * <p>Items get their genres as topics in the order listed (the first is primary), the title as text
 * and the year from the title as {@value MovieLens100kLoader#YEAR}. Users get {@value
 * MovieLens100kLoader#AGE} (the age-group code, numeric), {@value MovieLens100kLoader#GENDER},
 * {@value MovieLens100kLoader#OCCUPATION} (the code) and {@value MovieLens100kLoader#ZIP}. Without
 * users.dat (10M) users are the ids seen in ratings.dat, in order of appearance, with no features.
 * Ratings are whole stars in 1M and half stars in 10M.
 */
public final class MovieLens1mLoader implements DatasetLoader {
  private static final String SEP = "::";

  @Override
  public String name() {
    return "ml-1m";
  }

  /** movies.dat alone identifies the format, so that a folder without ratings.dat says so. */
  @Override
  public List<String> markers() {
    return List.of("movies.dat");
  }

  @Override
  public Dataset load(Path dir) {
    Path ratings = dir.resolve("ratings.dat");
    if (!Files.isRegularFile(ratings)) {
      throw InputException.inFile(
          ratings,
          "file not found: the ml-1m/10M format needs ratings.dat beside movies.dat"
              + " (UserID::MovieID::Rating::Timestamp)");
    }
    IdIndex itemIds = new IdIndex();
    FeatureTable items = readMovies(dir.resolve("movies.dat"), itemIds);
    IdIndex userIds = new IdIndex();
    Path usersFile = dir.resolve("users.dat");
    FeatureTable users = Files.isRegularFile(usersFile) ? readUsers(usersFile, userIds) : null;
    InteractionLog log;
    try (LineReader in = LineReader.open(ratings, StandardCharsets.ISO_8859_1)) {
      log =
          new RatingsReader((r, line) -> Fields.split(r, line, SEP, 4), 0.5f, 5f)
              .read(in, users == null ? userIds : userIds.freeze(), itemIds.freeze(), "movies.dat");
    }
    UserTable userTable =
        users == null ? UserTable.anonymous(userIds) : new UserTable(userIds, users);
    return new Dataset(name(), Catalogue.of(itemIds, items), userTable, log);
  }

  /** Reads movies.dat into a catalogue table; ids join {@code ids} in file order. */
  public static FeatureTable readMovies(Path file, IdIndex ids) {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT)
            .declare(MovieLens100kLoader.YEAR, FeatureType.NUMERIC);
    try (LineReader in = LineReader.open(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, SEP, 3);
        if (ids.contains(f[0])) {
          throw in.error("duplicate movie id '" + f[0] + "'");
        }
        ids.add(f[0]);
        b.nextRow()
            .set(Catalogue.TEXT, f[1])
            .set(MovieLens100kLoader.YEAR, MovieLensTitles.year(f[1]));
        addGenres(b, f[2]);
      }
    }
    if (ids.size() == 0) {
      throw InputException.inFile(file, "no movies in the file");
    }
    return b.build();
  }

  /** Adds '|'-separated genres as topics; "(no genres listed)" and blanks add none. */
  static void addGenres(FeatureTable.Builder b, String genres) {
    if (genres.isBlank() || genres.equals("(no genres listed)")) {
      return;
    }
    for (String g : Fields.split(genres, "|")) {
      if (!g.isBlank()) {
        b.add(Catalogue.TOPICS, g.strip());
      }
    }
  }

  /** Reads users.dat; ids join {@code ids} in file order. */
  public static FeatureTable readUsers(Path file, IdIndex ids) {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(MovieLens100kLoader.AGE, FeatureType.NUMERIC)
            .declare(MovieLens100kLoader.GENDER, FeatureType.CATEGORICAL)
            .declare(MovieLens100kLoader.OCCUPATION, FeatureType.CATEGORICAL)
            .declare(MovieLens100kLoader.ZIP, FeatureType.CATEGORICAL);
    try (LineReader in = LineReader.open(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, SEP, 5);
        if (ids.contains(f[0])) {
          throw in.error("duplicate user id '" + f[0] + "'");
        }
        if (!f[1].equals("M") && !f[1].equals("F")) {
          throw in.error("gender '" + f[1] + "' is not M or F");
        }
        ids.add(f[0]);
        b.nextRow()
            .set(MovieLens100kLoader.AGE, Fields.parseInt(in, f[2], "age"))
            .set(MovieLens100kLoader.GENDER, f[1])
            .set(MovieLens100kLoader.OCCUPATION, f[3])
            .set(MovieLens100kLoader.ZIP, f[4]);
      }
    }
    return b.build();
  }
}
