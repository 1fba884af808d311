package dev.nudge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Strict reading of request JSON: unknown fields, wrong types and out-of-range values become a 400
 * naming the field by its JSON path ({@code candidates[3].id}).
 */
final class JsonFields {
  private JsonFields() {}

  static void onlyFields(JsonNode o, String path, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (!allowed.contains(e.getKey())) {
        throw ApiProblem.badField(
            join(path, e.getKey()), "is not a known field; known: " + allowed);
      }
    }
  }

  static JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw ApiProblem.badField(path.isEmpty() ? "body" : path, "must be a JSON object");
    }
    return node;
  }

  static String text(JsonNode o, String field, String path, boolean required) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiProblem.badField(join(path, field), "is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw ApiProblem.badField(join(path, field), "must be a string, got " + n.getNodeType());
    }
    return n.textValue();
  }

  static String id(JsonNode o, String field, String path, boolean required) {
    String id = text(o, field, path, required);
    if (id != null && !Nudge.validId(id)) {
      throw ApiProblem.badField(
          join(path, field),
          "must be 1..128 of letters, digits and - _ . : @, got '" + Nudge.clip(id) + "'");
    }
    return id;
  }

  static double number(JsonNode n, String path) {
    if (n == null || !n.isNumber()) {
      throw ApiProblem.badField(
          path, "must be a number, got " + (n == null ? "nothing" : n.getNodeType()));
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw ApiProblem.badField(path, "must be finite, got " + v);
    }
    return v;
  }

  static Integer integer(JsonNode o, String field, String path, int min, int max) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw ApiProblem.badField(join(path, field), "must be an integer, got " + n);
    }
    int v = n.intValue();
    if (v < min || v > max) {
      throw ApiProblem.badField(join(path, field), "must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  static boolean bool(JsonNode o, String field, String path) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw ApiProblem.badField(join(path, field), "must be true or false, got " + n);
    }
    return n.booleanValue();
  }

  /** An object of numbers, or an empty map when absent. */
  static Map<String, Double> numbers(JsonNode o, String field, String path) {
    JsonNode n = o.get(field);
    Map<String, Double> out = new TreeMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    String p = join(path, field);
    object(n, p);
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (e.getKey().isEmpty() || e.getKey().length() > 128) {
        throw ApiProblem.badField(p, "names must be 1..128 characters");
      }
      out.put(e.getKey(), number(e.getValue(), join(p, e.getKey())));
    }
    return out;
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
