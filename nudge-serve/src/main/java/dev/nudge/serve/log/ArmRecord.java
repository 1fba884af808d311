package dev.nudge.serve.log;

import java.util.Objects;

/**
 * The arm a decision asks the caller to reward, as the learner needs it later: the id, the dense
 * key the policy keeps statistics under, the embedding the policy scored it with, its raw features
 * and its primary topic.
 *
 * @param id the nudge id
 * @param key the dense nudge key, {@code >= 0}
 * @param embedding the item vector the policy saw (model or hashed; empty when the policy needs
 *     none). Logged so that learning and replay use exactly what the decision used, whatever model
 *     is loaded later.
 * @param features raw features (may be empty)
 * @param topic primary topic key, or -1
 */
public record ArmRecord(String id, int key, float[] embedding, double[] features, int topic) {
  public ArmRecord {
    Objects.requireNonNull(id, "id");
    if (key < 0) {
      throw new IllegalArgumentException("key must be >= 0, got " + key);
    }
    embedding = embedding == null ? new float[0] : embedding.clone();
    features = features == null ? new double[0] : features.clone();
  }
}
