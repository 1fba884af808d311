package dev.nudge.bandit;

import java.util.List;
import java.util.Objects;
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
    String repeated = firstRepeatedId(candidates);
    if (repeated != null) {
      throw new IllegalArgumentException("candidate id '" + repeated + "' appears twice");
    }
  }

  /**
   * The first id that appears a second time, or null. An open-addressing table of candidate
   * indices: one int array per decision instead of a hash set's node per candidate, since every
   * served decision pays for this check.
   */
  static String firstRepeatedId(List<Arm> candidates) {
    int n = candidates.size();
    int mask = Integer.highestOneBit(Math.max(2, n) * 2 - 1) * 2 - 1; // table >= 2n, a power of 2
    int[] slots = new int[mask + 1]; // candidate index + 1; 0 is empty
    for (int i = 0; i < n; i++) {
      String id = candidates.get(i).id();
      int h = id.hashCode();
      for (int s = (h ^ (h >>> 16)) & mask; ; s = (s + 1) & mask) {
        if (slots[s] == 0) {
          slots[s] = i + 1;
          break;
        }
        if (candidates.get(slots[s] - 1).id().equals(id)) {
          return id;
        }
      }
    }
    return null;
  }
}
