package dev.nudge.bandit;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Everything a policy sees when it decides.
 *
 * @param eventId the decision's id; its randomness derives from it
 * @param userKey the dense user key, or -1 for an unknown user (per-user policies then fall back)
 * @param userEmbedding the user's two-tower embedding (length 0 when none)
 * @param features context and user features (length 0 when none)
 * @param candidates the arms to choose among; ids are distinct
 * @param slateSize how many arms to return, 1..candidates.size()
 * @param budget how many acquisition scores the policy may compute (B = b·m in the paper), or
 *     {@link #UNLIMITED}
 * @param random the decision's random source, seeded from the event id; used by this decision only
 */
public record DecisionContext(
    String eventId,
    int userKey,
    float[] userEmbedding,
    double[] features,
    List<Arm> candidates,
    int slateSize,
    int budget,
    RandomGenerator random) {

  /** No scoring budget: every candidate may be scored. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  public DecisionContext {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(random, "random");
    userEmbedding = userEmbedding == null ? new float[0] : userEmbedding;
    features = features == null ? new double[0] : features;
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates must not be empty");
    }
    if (slateSize < 1 || slateSize > candidates.size()) {
      throw new IllegalArgumentException(
          "slateSize must be in 1.."
              + candidates.size()
              + " (the number of candidates), got "
              + slateSize);
    }
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be >= 1, got " + budget);
    }
    for (int i = 0; i < userEmbedding.length; i++) {
      if (!Float.isFinite(userEmbedding[i])) {
        throw new IllegalArgumentException("userEmbedding[" + i + "] is " + userEmbedding[i]);
      }
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw new IllegalArgumentException("features[" + i + "] is " + features[i]);
      }
    }
    Set<String> seen = new HashSet<>();
    for (Arm arm : candidates) {
      if (!seen.add(arm.id())) {
        throw new IllegalArgumentException("candidate id '" + arm.id() + "' appears twice");
      }
    }
  }
}
