package dev.nudge.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates request bodies into the service's records. */
public final class RequestJson {
  /** The most candidates one decision may carry. */
  public static final int MAX_CANDIDATES = 10_000;

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestJson() {}

  /** Parses a body into a tree; malformed JSON is a 400 on {@code body}. */
  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiProblem.badField("body", "is empty; a JSON object is required");
    }
    try {
      return STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  /**
   * A decide request from UTF-8 bytes: the common shape in one streaming pass, anything else
   * through the strict tree reading (which names the fault).
   */
  public static DecideRequest decide(byte[] body) {
    DecideRequest fast = DecideStreamReader.read(body);
    return fast != null ? fast : decide(parse(body));
  }

  /** A decide request. */
  public static DecideRequest decide(JsonNode body) {
    JsonFields.object(body, "");
    JsonFields.onlyFields(
        body,
        "",
        Set.of(
            "eventId",
            "userId",
            "context",
            "candidates",
            "excluded",
            "slateSize",
            "deferActivation",
            "baselineActionId"));
    String eventId = JsonFields.id(body, "eventId", "", false);
    String userId = JsonFields.id(body, "userId", "", true);
    JsonNode context = body.get("context");
    if (context == null || context.isNull()) {
      context = NudgeJson.JSON.createObjectNode();
    }
    JsonFields.object(context, "context");
    List<DecideRequest.Candidate> candidates = new ArrayList<>();
    JsonNode cs = body.get("candidates");
    if (cs != null && !cs.isNull()) {
      if (!cs.isArray()) {
        throw ApiProblem.badField("candidates", "must be an array");
      }
      if (cs.size() > MAX_CANDIDATES) {
        throw ApiProblem.badField(
            "candidates", "has " + cs.size() + " entries; at most " + MAX_CANDIDATES);
      }
      for (int i = 0; i < cs.size(); i++) {
        DecideRequest.Candidate plain = plainCandidate(cs.get(i));
        if (plain != null) {
          candidates.add(plain);
          continue;
        }
        String p = "candidates[" + i + "]";
        JsonNode c = JsonFields.object(cs.get(i), p);
        JsonFields.onlyFields(c, p, Set.of("id", "features"));
        String id = JsonFields.id(c, "id", p, true);
        Map<String, Double> f =
            c.has("features") && !c.get("features").isNull()
                ? JsonFields.numbers(c, "features", p)
                : null;
        candidates.add(new DecideRequest.Candidate(id, f));
      }
    }
    List<String> excluded = new ArrayList<>();
    JsonNode ex = body.get("excluded");
    if (ex != null && !ex.isNull()) {
      if (!ex.isArray()) {
        throw ApiProblem.badField("excluded", "must be an array of ids");
      }
      for (int i = 0; i < ex.size(); i++) {
        if (!ex.get(i).isTextual()) {
          throw ApiProblem.badField("excluded[" + i + "]", "must be a string");
        }
        excluded.add(ex.get(i).textValue());
      }
    }
    Integer slateSize = JsonFields.integer(body, "slateSize", "", 1, ServiceConfig.MAX_SLATE_SIZE);
    boolean defer = JsonFields.bool(body, "deferActivation", "");
    String baseline = JsonFields.id(body, "baselineActionId", "", false);
    return new DecideRequest(
        eventId, userId, context, candidates, excluded, slateSize, defer, baseline, null);
  }

  /**
   * The common candidate {@code {"id": "..."}}, checked without building field paths (a decide
   * carries ~100 of them); null for anything else, which the strict path then reads or rejects.
   */
  private static DecideRequest.Candidate plainCandidate(JsonNode c) {
    if (c == null || !c.isObject() || c.size() != 1) {
      return null;
    }
    JsonNode id = c.get("id");
    if (id == null || !id.isTextual() || !Nudge.validId(id.textValue())) {
      return null;
    }
    return new DecideRequest.Candidate(id.textValue(), null);
  }

  /** Parses a body given as UTF-8 bytes; malformed JSON is a 400 on {@code body}. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiProblem.badField("body", "is empty; a JSON object is required");
    }
    try {
      JsonNode tree = STRICT.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw ApiProblem.badField("body", "is empty; a JSON object is required");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ApiProblem malformed(JsonProcessingException e) {
    return ApiProblem.badField(
        "body",
        "is not valid JSON (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + "): "
            + e.getOriginalMessage());
  }

  /**
   * A reward body: {@code {"value": v}} gives {"": v}; {@code {"values": {...}}} the objectives.
   */
  public static Map<String, Double> reward(JsonNode body) {
    JsonFields.object(body, "");
    JsonFields.onlyFields(body, "", Set.of("value", "values"));
    boolean single = body.has("value");
    boolean many = body.has("values");
    if (single == many) {
      throw ApiProblem.badField("value", "give exactly one of 'value' or 'values'");
    }
    if (single) {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("", JsonFields.number(body.get("value"), "value"));
      return out;
    }
    Map<String, Double> values = JsonFields.numbers(body, "values", "");
    if (values.isEmpty()) {
      throw ApiProblem.badField("values", "must name at least one objective");
    }
    return values;
  }

  /** A nudge body: features, topic, text (all optional). */
  public static Nudge nudge(String id, JsonNode body) {
    JsonFields.object(body, "");
    JsonFields.onlyFields(body, "", Set.of("id", "features", "topic", "text"));
    String bodyId = JsonFields.text(body, "id", "", false);
    if (bodyId != null && !bodyId.equals(id)) {
      throw ApiProblem.badField("id", "'" + Nudge.clip(bodyId) + "' does not match the path id");
    }
    String topic = JsonFields.text(body, "topic", "", false);
    String text = JsonFields.text(body, "text", "", false);
    if (text != null && text.length() > 4096) {
      throw ApiProblem.badField("text", "is longer than 4096 characters");
    }
    return new Nudge(id, 0, JsonFields.numbers(body, "features", ""), topic, text, true);
  }

  /** A user body: features (optional). */
  public static Map<String, Double> user(String id, JsonNode body) {
    JsonFields.object(body, "");
    JsonFields.onlyFields(body, "", Set.of("id", "features"));
    String bodyId = JsonFields.text(body, "id", "", false);
    if (bodyId != null && !bodyId.equals(id)) {
      throw ApiProblem.badField("id", "'" + Nudge.clip(bodyId) + "' does not match the path id");
    }
    return JsonFields.numbers(body, "features", "");
  }

  /** Checks an id taken from a path. */
  public static String pathId(String id, String what) {
    if (id == null || !Nudge.validId(id)) {
      throw ApiProblem.badField(
          what,
          "must be 1..128 of letters, digits and - _ . : @, got '"
              + Nudge.clip(String.valueOf(id))
              + "'");
    }
    return id;
  }
}
