package dev.nudge.serve;

import java.util.Map;
import java.util.Objects;

/**
 * A nudge the service can choose: the unit of the catalogue behind {@code /v1/nudges}.
 *
 * @param id the external id: 1..128 characters of letters, digits and {@code - _ . : @}
 * @param key the dense key policies keep statistics under; stable for the life of the log
 * @param features numeric features by name
 * @param topic the nudge family (two-stage exploration groups by it), or null
 * @param text display text, or null
 * @param active false once deleted: no longer a default candidate, but still known to the log
 */
public record Nudge(
    String id, int key, Map<String, Double> features, String topic, String text, boolean active) {

  /**
   * Whether {@code id} is 1..128 of {@code [A-Za-z0-9._:@-]}: ids need no escaping in JSON, SQL or
   * URLs. A loop rather than a regex: every decide checks an id per candidate.
   */
  static boolean validId(String id) {
    int n = id.length();
    if (n < 1 || n > 128) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '@'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public Nudge {
    Objects.requireNonNull(id, "id");
    if (!validId(id)) {
      throw ApiProblem.badField(
          "id", "must be 1..128 of letters, digits and - _ . : @, got '" + clip(id) + "'");
    }
    if (key < 0) {
      throw new IllegalArgumentException("key must be >= 0, got " + key);
    }
    features = Map.copyOf(features);
    for (Map.Entry<String, Double> f : features.entrySet()) {
      if (!Double.isFinite(f.getValue())) {
        throw ApiProblem.badField("features." + f.getKey(), "must be finite, got " + f.getValue());
      }
    }
  }

  /** The first 40 characters of an id, for messages. */
  static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
