package dev.nudge.serve.log;

import java.util.Objects;

/**
 * The arm a decision asks the caller to reward, as the learner needs it later: the id, the dense
 * key the policy keeps statistics under, its raw features and its primary topic.
 *
 * @param id the nudge id
 * @param key the dense nudge key, {@code >= 0}
 * @param features raw features (may be empty)
 * @param topic primary topic key, or -1
 */
public record ArmRecord(String id, int key, double[] features, int topic) {
  public ArmRecord {
    Objects.requireNonNull(id, "id");
    if (key < 0) {
      throw new IllegalArgumentException("key must be >= 0, got " + key);
    }
    features = features == null ? new double[0] : features.clone();
  }
}
