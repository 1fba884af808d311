package dev.nudge.data.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.InputException;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the interactions of the generic format, {@code interactions.csv} or {@code
 * interactions.jsonl}. Both are read twice: the first pass decides which optional columns exist and
 * the type of each context column, so the second can stream rows straight into primitive columns.
 * User and item ids must be in the given indexes when those are frozen (a users or items file was
 * given) and join them otherwise.
 */
final class GenericInteractions {
  static final String USER = "user_id";
  static final String ITEM = "item_id";
  static final String TIME = "timestamp";
  static final String RATING = "rating";
  static final String LABEL = "label";
  static final String PROPENSITY = "propensity";
  static final String POSITION = "position";
  static final String IMPRESSION = "impression";
  static final String CONTEXT = "context";
  private static final Set<String> RESERVED =
      Set.of(USER, ITEM, TIME, RATING, LABEL, PROPENSITY, POSITION, IMPRESSION);

  private final IdIndex users;
  private final IdIndex items;
  private final IdIndex impressions = new IdIndex();
  private final ObjectMapper json = new ObjectMapper();

  GenericInteractions(IdIndex users, IdIndex items) {
    this.users = users;
    this.items = items;
  }

  /** interactions.csv: a header naming the columns, then one interaction per line. */
  InteractionLog readCsv(Path file) {
    List<String> ctxNames = new ArrayList<>();
    List<Integer> ctxCols = new ArrayList<>();
    boolean[] numeric;
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      for (int c = 0; c < h.size(); c++) {
        if (!RESERVED.contains(h.names().get(c))) {
          ctxNames.add(h.names().get(c));
          ctxCols.add(c);
        }
      }
      numeric = new boolean[ctxCols.size()];
      boolean[] seen = new boolean[ctxCols.size()];
      java.util.Arrays.fill(numeric, true);
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = h.fields(in, line);
        for (int c = 0; c < numeric.length; c++) {
          String cell = f[ctxCols.get(c)].strip();
          if (!cell.isEmpty()) {
            seen[c] = true;
            numeric[c] &= InferredColumns.isNumber(cell);
          }
        }
      }
      for (int c = 0; c < numeric.length; c++) {
        numeric[c] &= seen[c];
      }
    }
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      CsvHeader h = CsvHeader.read(in);
      int user = h.require(in, USER);
      int item = h.require(in, ITEM);
      int time = h.require(in, TIME);
      int rating = h.optional(RATING);
      int label = h.optional(LABEL);
      if (rating >= 0 && label >= 0) {
        throw InputException.atLine(file, 1, "header has both 'rating' and 'label'; keep one");
      }
      int propensity = h.optional(PROPENSITY);
      int position = h.optional(POSITION);
      int impression = h.optional(IMPRESSION);
      FeatureTable.Builder context = new FeatureTable.Builder();
      for (int c = 0; c < ctxNames.size(); c++) {
        context.declare(
            ctxNames.get(c), numeric[c] ? FeatureType.NUMERIC : FeatureType.CATEGORICAL);
      }
      InteractionLog.Builder b =
          builder(rating >= 0, propensity >= 0, position >= 0, impression >= 0, context);
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = h.fields(in, line);
        float value =
            rating >= 0
                ? Fields.parseFloat(in, f[rating], RATING)
                : label >= 0 ? Fields.parseLabel(in, f[label], LABEL) : 1f;
        b.add(
            userKey(in, f[user].strip()),
            itemKey(in, f[item].strip()),
            Timestamps.parse(in, f[time]),
            value);
        if (propensity >= 0) {
          b.propensity(Fields.parsePropensity(in, f[propensity], PROPENSITY));
        }
        if (position >= 0) {
          b.position(position(in, Fields.parseInt(in, f[position], POSITION)));
        }
        if (impression >= 0) {
          b.impression(impressions.add(f[impression].strip()));
        }
        for (int c = 0; c < ctxNames.size(); c++) {
          String cell = f[ctxCols.get(c)].strip();
          if (cell.isEmpty()) {
            continue;
          }
          if (numeric[c]) {
            context.set(ctxNames.get(c), Float.parseFloat(cell));
          } else {
            context.set(ctxNames.get(c), cell);
          }
        }
      }
      return finish(file, b);
    }
  }

  /** interactions.jsonl: one JSON object per line; context is a nested object. */
  InteractionLog readJsonl(Path file) {
    boolean hasRating = false;
    boolean hasLabel = false;
    boolean hasPropensity = false;
    boolean hasPosition = false;
    boolean hasImpression = false;
    Map<String, Boolean> contextNumeric = new LinkedHashMap<>();
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = object(in, line);
        hasRating |= o.has(RATING);
        hasLabel |= o.has(LABEL);
        hasPropensity |= o.has(PROPENSITY);
        hasPosition |= o.has(POSITION);
        hasImpression |= o.has(IMPRESSION);
        JsonNode ctx = o.get(CONTEXT);
        if (ctx != null && !ctx.isNull()) {
          if (!ctx.isObject()) {
            throw in.error("'context' is not a JSON object");
          }
          for (Map.Entry<String, JsonNode> e : ctx.properties()) {
            if (!e.getValue().isNull()) {
              contextNumeric.merge(e.getKey(), e.getValue().isNumber(), Boolean::logicalAnd);
            }
          }
        }
      }
      if (hasRating && hasLabel) {
        throw InputException.inFile(file, "rows use both 'rating' and 'label'; keep one");
      }
    }
    FeatureTable.Builder context = new FeatureTable.Builder();
    contextNumeric.forEach(
        (k, num) -> context.declare(k, num ? FeatureType.NUMERIC : FeatureType.CATEGORICAL));
    InteractionLog.Builder b =
        builder(hasRating, hasPropensity, hasPosition, hasImpression, context);
    try (LineReader in = LineReader.open(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = object(in, line);
        float value = 1f;
        if (hasRating) {
          value = Fields.parseFloat(in, text(in, o, RATING), RATING);
        } else if (hasLabel) {
          value = Fields.parseLabel(in, text(in, o, LABEL), LABEL);
        }
        b.add(
            userKey(in, text(in, o, USER)),
            itemKey(in, text(in, o, ITEM)),
            Timestamps.parse(in, text(in, o, TIME)),
            value);
        if (hasPropensity && o.hasNonNull(PROPENSITY)) {
          b.propensity(Fields.parsePropensity(in, text(in, o, PROPENSITY), PROPENSITY));
        }
        if (hasPosition && o.hasNonNull(POSITION)) {
          b.position(position(in, Fields.parseInt(in, text(in, o, POSITION), POSITION)));
        }
        if (hasImpression && o.hasNonNull(IMPRESSION)) {
          b.impression(impressions.add(text(in, o, IMPRESSION)));
        }
        JsonNode ctx = o.get(CONTEXT);
        if (ctx != null && ctx.isObject()) {
          for (Map.Entry<String, JsonNode> e : ctx.properties()) {
            if (e.getValue().isNull()) {
              continue;
            }
            if (contextNumeric.get(e.getKey())) {
              context.set(e.getKey(), e.getValue().floatValue());
            } else {
              context.set(e.getKey(), e.getValue().asText());
            }
          }
        }
      }
      return finish(file, b);
    }
  }

  private InteractionLog.Builder builder(
      boolean rating,
      boolean propensity,
      boolean position,
      boolean impression,
      FeatureTable.Builder context) {
    InteractionLog.Builder b =
        new InteractionLog.Builder(
            rating ? InteractionLog.ValueKind.RATING : InteractionLog.ValueKind.LABEL);
    if (propensity) {
      b.withPropensities();
    }
    if (position) {
      b.withPositions();
    }
    if (impression) {
      b.withImpressions();
    }
    return b.withContext(context);
  }

  private static InteractionLog finish(Path file, InteractionLog.Builder b) {
    if (b.size() == 0) {
      throw InputException.inFile(file, "no interactions in the file");
    }
    return b.build();
  }

  private JsonNode object(LineReader in, String line) {
    JsonNode o;
    try {
      o = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw in.error("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw in.error("expected one JSON object per line");
    }
    return o;
  }

  /** A scalar field as text; a missing one, or an object or array, is an error. */
  private static String text(LineReader in, JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw in.error("missing field '" + field + "'");
    }
    if (!v.isValueNode()) {
      throw in.error("field '" + field + "' is not a string or number");
    }
    return v.asText();
  }

  private static int position(LineReader in, int p) {
    if (p < 0) {
      throw in.error("position " + p + " is negative (positions are 0-based)");
    }
    return p;
  }

  private int userKey(LineReader in, String id) {
    return key(in, users, id, "user", "users.csv");
  }

  private int itemKey(LineReader in, String id) {
    return key(in, items, id, "item", "the items file");
  }

  private static int key(LineReader in, IdIndex ids, String id, String what, String where) {
    if (id.isEmpty()) {
      throw in.error(what + " id is empty");
    }
    if (!ids.isFrozen()) {
      return ids.add(id);
    }
    int key = ids.indexOf(id);
    if (key < 0) {
      throw in.error("unknown " + what + " id '" + id + "' (not in " + where + ")");
    }
    return key;
  }
}
