package dev.nudge.serve;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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

  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  public Nudge {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
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
