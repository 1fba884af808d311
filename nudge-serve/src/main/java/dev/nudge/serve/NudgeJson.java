package dev.nudge.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** The stored (and served) JSON of nudges, users and the config. */
final class NudgeJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private NudgeJson() {}

  static ObjectNode tree(Nudge n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", n.id());
    o.put("key", n.key());
    o.set("features", JSON.valueToTree(new TreeMap<>(n.features())));
    putNullable(o, "topic", n.topic());
    putNullable(o, "text", n.text());
    o.put("active", n.active());
    return o;
  }

  static String write(Nudge n) {
    return tree(n).toString();
  }

  static Nudge readNudge(String json) {
    JsonNode o = parse(json);
    return new Nudge(
        o.get("id").textValue(),
        o.get("key").intValue(),
        numbers(o.get("features")),
        text(o.get("topic")),
        text(o.get("text")),
        o.get("active").booleanValue());
  }

  static ObjectNode tree(UserDirectory.User u) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", u.id());
    o.put("key", u.key());
    o.set("features", JSON.valueToTree(new TreeMap<>(u.features())));
    return o;
  }

  static UserDirectory.User readUser(String json) {
    JsonNode o = parse(json);
    return new UserDirectory.User(
        o.get("id").textValue(), o.get("key").intValue(), numbers(o.get("features")));
  }

  static ObjectNode tree(ServiceConfig c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("policy", c.policy());
    o.put("exploration", c.exploration());
    o.set("params", JSON.valueToTree(new TreeMap<>(c.params())));
    o.put("rewardWait", c.rewardWait().toString());
    o.put("defaultReward", c.defaultReward());
    o.put("aggregation", c.aggregation().wireName());
    o.put("learningMode", c.learningMode().wireName());
    o.set("objectiveWeights", JSON.valueToTree(new TreeMap<>(c.objectiveWeights())));
    o.put("slateSize", c.slateSize());
    o.put("contextDimensions", c.contextDimensions());
    o.put("snapshotEvery", c.snapshotEvery());
    return o;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt document in the log: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Double> numbers(JsonNode o) {
    Map<String, Double> out = new TreeMap<>();
    if (o != null) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        out.put(e.getKey(), e.getValue().doubleValue());
      }
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.textValue();
  }

  private static void putNullable(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }
}
