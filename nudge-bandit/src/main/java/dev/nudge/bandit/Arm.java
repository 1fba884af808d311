package dev.nudge.bandit;

import java.util.Objects;

/**
 * One candidate of a decision.
 *
 * @param id the external item id, echoed in the slate
 * @param key the dense item key (catalogue key); context-free policies keep statistics per key
 * @param embedding the item's two-tower embedding (length 0 when the policy needs none)
 * @param features raw item features (length 0 when none)
 * @param topic the item's primary topic key, or -1
 */
public record Arm(String id, int key, float[] embedding, double[] features, int topic) {
  private static final float[] NO_EMBEDDING = new float[0];
  private static final double[] NO_FEATURES = new double[0];

  public Arm {
    Objects.requireNonNull(id, "id");
    if (key < 0) {
      throw new IllegalArgumentException("arm '" + id + "': key must be >= 0, got " + key);
    }
    embedding = embedding == null ? NO_EMBEDDING : embedding;
    features = features == null ? NO_FEATURES : features;
    for (int i = 0; i < embedding.length; i++) {
      if (!Float.isFinite(embedding[i])) {
        throw new IllegalArgumentException(
            "arm '" + id + "': embedding[" + i + "] is " + embedding[i]);
      }
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw new IllegalArgumentException(
            "arm '" + id + "': features[" + i + "] is " + features[i]);
      }
    }
  }

  /** An arm known only by id and key (context-free policies). */
  public static Arm of(String id, int key) {
    return new Arm(id, key, null, null, -1);
  }
}
