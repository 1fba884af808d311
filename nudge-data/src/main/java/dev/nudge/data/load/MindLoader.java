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
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * MIND (Microsoft News Dataset), one split folder: {@code news.tsv} ({@code NewsID Category
 * SubCategory Title Abstract URL TitleEntities AbstractEntities}) and {@code behaviors.tsv} ({@code
 * ImpressionID UserID Time History Impressions}); TAB-separated UTF-8, no header.
 *
 * <p>Each impression entry {@code N123-1} becomes one {@link InteractionLog.ValueKind#LABEL} row:
 * the news item shown, label 1 clicked or 0 not, the impression's time and its ImpressionID as
 * {@link InteractionLog#impression(int)}. The click history is NOT turned into interactions: it has
 * no timestamps and predates the log, so rows for it would put clicks at made-up times and leak
 * into temporal splits. It is kept instead as the user feature {@value #HISTORY}, a
 * multi-categorical column whose codes are item keys of the catalogue (from the user's first
 * behaviors line; MIND repeats the same history on every line of a user). Times ("11/15/2019
 * 8:55:22 AM") carry no zone and are read as UTC.
 *
 * <p>Items get the category as primary topic and the subcategory as second topic (one vocabulary
 * for both), the title as text and the abstract as the text feature {@value #ABSTRACT}.
 */
public final class MindLoader implements DatasetLoader {
  public static final String HISTORY = "history";
  public static final String ABSTRACT = "abstract";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

  @Override
  public String name() {
    return "mind";
  }

  @Override
  public List<String> markers() {
    return List.of("behaviors.tsv", "news.tsv");
  }

  @Override
  public Dataset load(Path dir) {
    IdIndex itemIds = new IdIndex();
    FeatureTable items = readNews(dir.resolve("news.tsv"), itemIds);
    IdIndex frozenItems = itemIds.freeze();
    IdIndex userIds = new IdIndex();
    FeatureTable.Builder users =
        new FeatureTable.Builder().declare(HISTORY, FeatureType.MULTI_CATEGORICAL, frozenItems);
    InteractionLog.Builder log =
        new InteractionLog.Builder(InteractionLog.ValueKind.LABEL).withImpressions();
    try (LineReader in = LineReader.open(dir.resolve("behaviors.tsv"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, "\t", 5);
        int impression = Fields.parseInt(in, f[0], "ImpressionID");
        int before = userIds.size();
        int user = userIds.add(f[1]);
        if (user == before) {
          users.nextRow();
          addHistory(in, users, f[3], frozenItems);
        }
        long time = parseTime(in, f[2]);
        if (f[4].isBlank()) {
          throw in.error("Impressions is empty");
        }
        for (String entry : f[4].strip().split(" +")) {
          int dash = entry.lastIndexOf('-');
          if (dash <= 0) {
            throw in.error("impression '" + entry + "' is not NewsID-label");
          }
          String news = entry.substring(0, dash);
          int item = frozenItems.indexOf(news);
          if (item < 0) {
            throw in.error("unknown news id '" + news + "' (not in news.tsv)");
          }
          float label = Fields.parseLabel(in, entry.substring(dash + 1), "label of " + news);
          log.add(user, item, time, label);
          log.impression(impression);
        }
      }
    }
    if (log.size() == 0) {
      throw InputException.inFile(dir.resolve("behaviors.tsv"), "no impressions in the file");
    }
    return new Dataset(
        name(), Catalogue.of(itemIds, items), new UserTable(userIds, users.build()), log.build());
  }

  private static void addHistory(
      LineReader in, FeatureTable.Builder users, String history, IdIndex items) {
    if (history.isBlank()) {
      return;
    }
    for (String news : history.strip().split(" +")) {
      if (!items.contains(news)) {
        throw in.error("unknown news id '" + news + "' in History (not in news.tsv)");
      }
      users.add(HISTORY, news);
    }
  }

  /** "11/15/2019 8:55:22 AM" as epoch seconds, read as UTC. */
  static long parseTime(LineReader in, String text) {
    try {
      return LocalDateTime.parse(text.strip(), TIME).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw in.error("time '" + text + "' is not M/D/YYYY h:mm:ss AM/PM", e);
    }
  }

  private static FeatureTable readNews(Path file, IdIndex ids) {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT)
            .declare(ABSTRACT, FeatureType.TEXT);
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = Fields.split(in, line, "\t", 8);
        if (ids.contains(f[0])) {
          throw in.error("duplicate news id '" + f[0] + "'");
        }
        if (f[1].isBlank()) {
          throw in.error("news " + f[0] + " has no Category");
        }
        ids.add(f[0]);
        b.nextRow().add(Catalogue.TOPICS, f[1]);
        if (!f[2].isBlank() && !f[2].equals(f[1])) {
          b.add(Catalogue.TOPICS, f[2]);
        }
        b.set(Catalogue.TEXT, f[3]);
        if (!f[4].isEmpty()) {
          b.set(ABSTRACT, f[4]);
        }
      }
    }
    if (ids.size() == 0) {
      throw InputException.inFile(file, "no news in the file");
    }
    return b.build();
  }
}
