package dev.nudge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.core.Seeds;
import java.util.Map;

/**
 * Turns free-form request context into the fixed-length feature vector policies need (the hashing
 * trick): a number adds its value at the slot of its name, a string adds 1 at the slot of
 * "name=value", a boolean adds 1 or 0. Nested objects use dotted names. Slots come from a seeded
 * 64-bit hash, so vectors are the same in every run and on every machine.
 */
public final class FeatureHasher {
  /** The longest context vector allowed. */
  public static final int MAX_DIMENSIONS = 4096;

  private static final long SEED = Seeds.derive(Seeds.DEFAULT_SEED, "feature-hashing");

  private final int dimensions;

  public FeatureHasher(int dimensions) {
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "dimensions must be in 1.." + MAX_DIMENSIONS + ", got " + dimensions);
    }
    this.dimensions = dimensions;
  }

  public int dimensions() {
    return dimensions;
  }

  /** Hashes a JSON context object plus stored numeric features (user or nudge features). */
  public double[] hash(JsonNode context, Map<String, Double> stored) {
    double[] v = new double[dimensions];
    if (context != null) {
      add(v, "", context);
    }
    for (Map.Entry<String, Double> e : stored.entrySet()) {
      v[slot(e.getKey())] += e.getValue();
    }
    return v;
  }

  private void add(double[] v, String prefix, JsonNode node) {
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String name = prefix + f.getKey();
      JsonNode value = f.getValue();
      if (value.isNumber()) {
        v[slot(name)] += value.doubleValue();
      } else if (value.isTextual()) {
        v[slot(name + "=" + value.textValue())] += 1;
      } else if (value.isBoolean()) {
        v[slot(name)] += value.booleanValue() ? 1 : 0;
      } else if (value.isObject()) {
        add(v, name + ".", value);
      }
    }
  }

  int slot(String name) {
    return (int) Long.remainderUnsigned(Seeds.derive(SEED, name), dimensions);
  }
}
