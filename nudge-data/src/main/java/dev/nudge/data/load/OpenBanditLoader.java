package dev.nudge.data.load;

import dev.nudge.core.InputException;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Open Bandit Dataset (ZOZOTOWN), one campaign folder such as {@code random/men}: the log
 * {@code <campaign>.csv} and {@code item_context.csv}. Comma-separated with a header whose first
 * name is empty (a pandas row index, ignored).
 *
 * <p>Each log row becomes one {@link InteractionLog.ValueKind#LABEL} row: {@code item_id}, the
 * {@code click} label, the logging policy's {@code propensity_score}, the slot {@code position} 1-3
 * as 0-2, and {@code timestamp} ("2019-11-24 00:03:13.442536+00:00", fraction dropped). The log has
 * no user ids; a user here is one distinct combination of {@code user_feature_*} values (a hashed
 * profile), with those values as categorical user features. Every row also carries its context: the
 * {@code user_feature_*} columns as categorical and the {@code user-item_affinity_*} (and any
 * other) columns as numeric features of {@link InteractionLog#context()}.
 *
 * <p>Items come from item_context.csv with types inferred ({@code item_feature_0} numeric, the
 * hashed features 1-3 categorical); they have no topics or text. Hashes of item features differ
 * between the random and bts folders, so do not join them across policies.
 */
public final class OpenBanditLoader implements DatasetLoader {
  public static final String ITEM_CONTEXT = "item_context.csv";
  static final String USER_FEATURE = "user_feature_";

  /** "2019-11-24 00:03:13.442536+00:00"; the fraction may have 0-9 digits. */
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT);

  @Override
  public String name() {
    return "obd";
  }

  @Override
  public List<String> markers() {
    return List.of(ITEM_CONTEXT);
  }

  @Override
  public Dataset load(Path dir) {
    Path logFile = logFile(dir);
    IdIndex itemIds = new IdIndex();
    FeatureTable items = readItems(dir.resolve(ITEM_CONTEXT), itemIds);
    IdIndex frozenItems = itemIds.freeze();
    IdIndex userIds = new IdIndex();
    FeatureTable.Builder users = new FeatureTable.Builder();
    InteractionLog log;
    try (LineReader in = LineReader.open(logFile, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      int time = h.require(in, "timestamp");
      int item = h.require(in, "item_id");
      int position = h.require(in, "position");
      int click = h.require(in, "click");
      int propensity = h.require(in, "propensity_score");
      List<Integer> userCols = new ArrayList<>();
      List<Integer> numericCols = new ArrayList<>();
      FeatureTable.Builder context = new FeatureTable.Builder();
      for (int c = 0; c < h.size(); c++) {
        String n = h.names().get(c);
        if (c == time || c == item || c == position || c == click || c == propensity) {
          continue;
        }
        if (n.isEmpty() && c == 0) {
          continue; // pandas index
        }
        if (n.startsWith(USER_FEATURE)) {
          userCols.add(c);
          users.declare(n, FeatureType.CATEGORICAL);
          context.declare(n, FeatureType.CATEGORICAL);
        } else {
          numericCols.add(c);
          context.declare(n, FeatureType.NUMERIC);
        }
      }
      InteractionLog.Builder b =
          new InteractionLog.Builder(InteractionLog.ValueKind.LABEL)
              .withPropensities()
              .withPositions()
              .withContext(context);
      StringBuilder profile = new StringBuilder();
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = h.fields(in, line);
        int itemKey = frozenItems.indexOf(f[item].strip());
        if (itemKey < 0) {
          throw in.error("unknown item_id '" + f[item] + "' (not in " + ITEM_CONTEXT + ")");
        }
        profile.setLength(0);
        for (int c : userCols) {
          profile.append(f[c]).append('/');
        }
        int before = userIds.size();
        int user = userIds.add(profile.toString());
        if (user == before) {
          users.nextRow();
          for (int c : userCols) {
            users.set(h.names().get(c), f[c]);
          }
        }
        int pos = Fields.parseInt(in, f[position], "position");
        if (pos < 1) {
          throw in.error("position " + pos + " is not 1 or more");
        }
        b.add(user, itemKey, parseTime(in, f[time]), Fields.parseLabel(in, f[click], "click"));
        b.position(pos - 1).propensity(Fields.parsePropensity(in, f[propensity], "propensity"));
        for (int c : userCols) {
          context.set(h.names().get(c), f[c]);
        }
        for (int c : numericCols) {
          context.set(h.names().get(c), Fields.parseFloat(in, f[c], h.names().get(c)));
        }
      }
      if (b.size() == 0) {
        throw InputException.inFile(logFile, "no rows in the log");
      }
      log = b.build();
    }
    return new Dataset(
        "obd/" + label(dir),
        Catalogue.of(itemIds, items),
        new UserTable(userIds, users.build()),
        log);
  }

  /** {@code <folder>.csv}, else the one CSV beside item_context.csv. */
  static Path logFile(Path dir) {
    Path named = dir.resolve(dir.toAbsolutePath().normalize().getFileName() + ".csv");
    if (Files.isRegularFile(named)) {
      return named;
    }
    List<Path> csvs;
    try (Stream<Path> s = Files.list(dir)) {
      csvs =
          s.filter(p -> p.getFileName().toString().endsWith(".csv"))
              .filter(p -> !p.getFileName().toString().equals(ITEM_CONTEXT))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw InputException.inFile(dir, "cannot list the folder: " + e.getMessage(), e);
    }
    if (csvs.size() != 1) {
      throw InputException.inFile(
          dir,
          "expected one log CSV beside "
              + ITEM_CONTEXT
              + " (such as "
              + named.getFileName()
              + "), found "
              + csvs.stream().map(p -> p.getFileName().toString()).toList());
    }
    return csvs.get(0);
  }

  private static String label(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/")
        + abs.getFileName();
  }

  static long parseTime(LineReader in, String text) {
    try {
      return OffsetDateTime.parse(text.strip(), TIME).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw in.error("timestamp '" + text + "' is not like 2019-11-24 00:03:13.442536+00:00", e);
    }
  }

  private static FeatureTable readItems(Path file, IdIndex ids) {
    List<String[]> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    int id;
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      id = h.require(in, "item_id");
      for (int c = 0; c < h.size(); c++) {
        if (c != id && !(c == 0 && h.names().get(c).isEmpty())) {
          names.add(h.names().get(c));
          cols.add(c);
        }
      }
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = h.fields(in, line);
        String itemId = f[id].strip();
        if (ids.contains(itemId)) {
          throw in.error("duplicate item_id '" + itemId + "'");
        }
        ids.add(itemId);
        rows.add(f);
      }
    }
    if (rows.isEmpty()) {
      throw InputException.inFile(file, "no items in the file");
    }
    InferredColumns features =
        new InferredColumns(names, cols.stream().mapToInt(Integer::intValue).toArray(), rows);
    FeatureTable.Builder b =
        features.declare(
            new FeatureTable.Builder()
                .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
                .declare(Catalogue.TEXT, FeatureType.TEXT));
    for (String[] row : rows) {
      features.set(b.nextRow(), row);
    }
    return b.build();
  }
}
