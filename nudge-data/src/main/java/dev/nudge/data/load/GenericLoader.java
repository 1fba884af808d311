package dev.nudge.data.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.InputException;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic format for users' own data (documented in {@code docs/data-formats.md}): {@code
 * interactions.csv} or {@code interactions.jsonl} (required), {@code items.csv} or {@code
 * items.json} and {@code users.csv} (optional). When an items or users file is given, every id in
 * the interactions must be in it; without one, items or users are the ids the interactions name, in
 * order of appearance, with no features.
 */
public final class GenericLoader implements DatasetLoader {
  public static final String INTERACTIONS_CSV = "interactions.csv";
  public static final String INTERACTIONS_JSONL = "interactions.jsonl";
  public static final String ITEMS_CSV = "items.csv";
  public static final String ITEMS_JSON = "items.json";
  public static final String USERS_CSV = "users.csv";

  @Override
  public String name() {
    return "generic";
  }

  /** interactions.csv, or interactions.jsonl (either one is enough; see {@link #recognises}). */
  @Override
  public List<String> markers() {
    return List.of(INTERACTIONS_CSV + " or " + INTERACTIONS_JSONL);
  }

  @Override
  public boolean recognises(Path dir) {
    return Files.isRegularFile(dir.resolve(INTERACTIONS_CSV))
        || Files.isRegularFile(dir.resolve(INTERACTIONS_JSONL));
  }

  @Override
  public Dataset load(Path dir) {
    Path csv = dir.resolve(INTERACTIONS_CSV);
    Path jsonl = dir.resolve(INTERACTIONS_JSONL);
    boolean hasCsv = Files.isRegularFile(csv);
    boolean hasJsonl = Files.isRegularFile(jsonl);
    if (hasCsv == hasJsonl) {
      throw InputException.inFile(
          dir,
          hasCsv
              ? "both interactions.csv and interactions.jsonl are present; keep one"
              : "no interactions.csv or interactions.jsonl");
    }
    IdIndex itemIds = new IdIndex();
    FeatureTable items = readItems(dir, itemIds);
    IdIndex userIds = new IdIndex();
    Path usersFile = dir.resolve(USERS_CSV);
    FeatureTable users =
        Files.isRegularFile(usersFile) ? readTable(usersFile, "user_id", userIds, false) : null;
    GenericInteractions reader =
        new GenericInteractions(
            users == null ? userIds : userIds.freeze(), items == null ? itemIds : itemIds.freeze());
    InteractionLog log = hasCsv ? reader.readCsv(csv) : reader.readJsonl(jsonl);
    Catalogue catalogue;
    if (items == null) {
      FeatureTable.Builder b =
          new FeatureTable.Builder()
              .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
              .declare(Catalogue.TEXT, FeatureType.TEXT);
      for (int i = 0; i < itemIds.size(); i++) {
        b.nextRow();
      }
      catalogue = Catalogue.of(itemIds, b.build());
    } else {
      catalogue = Catalogue.of(itemIds, items);
    }
    UserTable userTable =
        users == null ? UserTable.anonymous(userIds) : new UserTable(userIds, users);
    return new Dataset(name(), catalogue, userTable, log);
  }

  /** items.csv or items.json, or null when there is neither. */
  private static FeatureTable readItems(Path dir, IdIndex ids) {
    Path csv = dir.resolve(ITEMS_CSV);
    Path json = dir.resolve(ITEMS_JSON);
    if (Files.isRegularFile(csv) && Files.isRegularFile(json)) {
      throw InputException.inFile(dir, "both items.csv and items.json are present; keep one");
    }
    if (Files.isRegularFile(csv)) {
      return readTable(csv, "id", ids, true);
    }
    if (Files.isRegularFile(json)) {
      return readItemsJson(json, ids);
    }
    return null;
  }

  /**
   * A CSV table keyed by {@code idColumn}. For items, {@code topics} ('|'-separated) and {@code
   * text} are the catalogue's columns; every other column is a feature of inferred type.
   */
  static FeatureTable readTable(Path file, String idColumn, IdIndex ids, boolean catalogue) {
    List<String[]> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    int id;
    int topics = -1;
    int text = -1;
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      id = h.require(in, idColumn);
      if (catalogue) {
        topics = h.optional(Catalogue.TOPICS);
        text = h.optional(Catalogue.TEXT);
      }
      for (int c = 0; c < h.size(); c++) {
        if (c != id && c != topics && c != text) {
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
        String key = f[id].strip();
        if (key.isEmpty()) {
          throw in.error("'" + idColumn + "' is empty");
        }
        if (ids.contains(key)) {
          throw in.error("duplicate " + idColumn + " '" + key + "'");
        }
        ids.add(key);
        rows.add(f);
      }
    }
    InferredColumns features =
        new InferredColumns(names, cols.stream().mapToInt(Integer::intValue).toArray(), rows);
    FeatureTable.Builder b = new FeatureTable.Builder();
    if (catalogue) {
      b.declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
          .declare(Catalogue.TEXT, FeatureType.TEXT);
    }
    features.declare(b);
    for (String[] row : rows) {
      features.set(b.nextRow(), row);
      if (topics >= 0) {
        for (String t : Fields.split(row[topics], "|")) {
          if (!t.isBlank()) {
            b.add(Catalogue.TOPICS, t.strip());
          }
        }
      }
      if (text >= 0 && !row[text].isEmpty()) {
        b.set(Catalogue.TEXT, row[text]);
      }
    }
    return b.build();
  }

  /**
   * items.json: an array of {@code {"id", "topics": [..], "text", "features": {..}}}; numbers are
   * numeric features, strings and booleans categorical. Errors name the line where the item starts.
   */
  private static FeatureTable readItemsJson(Path file, IdIndex ids) {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> nodes = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (InputStream stream = Files.newInputStream(file);
        JsonParser p = mapper.createParser(stream)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw InputException.atLine(
            file, p.currentLocation().getLineNr(), "expected a JSON array of items");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        lines.add((long) p.currentLocation().getLineNr());
        nodes.add(mapper.readTree(p));
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw InputException.atLine(
            file,
            p.currentLocation().getLineNr(),
            "expected an item object or the end of the array");
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw InputException.atLine(file, line, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw InputException.inFile(file, "file not found", e);
    } catch (IOException e) {
      throw InputException.inFile(file, "cannot read: " + e.getMessage(), e);
    }
    Map<String, Boolean> numeric = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode item = nodes.get(i);
      long line = lines.get(i);
      JsonNode idNode = item.get("id");
      if (idNode == null || !idNode.isValueNode() || idNode.asText().isBlank()) {
        throw InputException.atLine(file, line, "item has no 'id'");
      }
      if (ids.contains(idNode.asText())) {
        throw InputException.atLine(file, line, "duplicate id '" + idNode.asText() + "'");
      }
      ids.add(idNode.asText());
      JsonNode topics = item.get(Catalogue.TOPICS);
      if (topics != null && !topics.isNull() && !topics.isArray()) {
        throw InputException.atLine(file, line, "'topics' is not an array of strings");
      }
      JsonNode features = item.get("features");
      if (features != null && !features.isNull()) {
        if (!features.isObject()) {
          throw InputException.atLine(file, line, "'features' is not an object");
        }
        for (Map.Entry<String, JsonNode> e : features.properties()) {
          if (e.getKey().equals(Catalogue.TOPICS) || e.getKey().equals(Catalogue.TEXT)) {
            throw InputException.atLine(
                file,
                line,
                "feature '" + e.getKey() + "' clashes with the item's own field; rename it");
          }
          if (!e.getValue().isNull() && !e.getValue().isValueNode()) {
            throw InputException.atLine(
                file, line, "feature '" + e.getKey() + "' is not a number, string or boolean");
          }
          if (!e.getValue().isNull()) {
            numeric.merge(e.getKey(), e.getValue().isNumber(), Boolean::logicalAnd);
          }
        }
      }
    }
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT);
    numeric.forEach((k, num) -> b.declare(k, num ? FeatureType.NUMERIC : FeatureType.CATEGORICAL));
    for (JsonNode item : nodes) {
      b.nextRow();
      JsonNode topics = item.get(Catalogue.TOPICS);
      if (topics != null && topics.isArray()) {
        for (JsonNode t : topics) {
          b.add(Catalogue.TOPICS, t.asText());
        }
      }
      JsonNode text = item.get(Catalogue.TEXT);
      if (text != null && !text.isNull()) {
        b.set(Catalogue.TEXT, text.asText());
      }
      JsonNode features = item.get("features");
      if (features != null && features.isObject()) {
        for (Map.Entry<String, JsonNode> e : features.properties()) {
          if (e.getValue().isNull()) {
            continue;
          }
          if (numeric.get(e.getKey())) {
            b.set(e.getKey(), e.getValue().floatValue());
          } else {
            b.set(e.getKey(), e.getValue().asText());
          }
        }
      }
    }
    return b.build();
  }
}
