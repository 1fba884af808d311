package dev.nudge.bandit;

import java.util.List;
import java.util.Objects;

/**
 * A policy's answer: arms in rank order.
 *
 * @param entries the chosen arms, best first
 * @param policy the name of the policy that chose them
 * @param probabilitiesEstimated true when probabilities were estimated by resampling (Thompson
 *     sampling) rather than computed exactly
 */
public record Slate(List<Entry> entries, String policy, boolean probabilitiesEstimated) {

  public Slate {
    entries = List.copyOf(entries);
    Objects.requireNonNull(policy, "policy");
  }

  public int size() {
    return entries.size();
  }

  public Entry get(int position) {
    return entries.get(position);
  }

  /**
   * One slot of a slate.
   *
   * @param arm the arm placed here
   * @param candidateIndex its index in {@link DecisionContext#candidates()}
   * @param score the policy's acquisition score (UCB, sample, estimate); NaN when the arm was not
   *     scored
   * @param probability the probability that the policy puts this arm in this slot given the slots
   *     before it; for slot 0 this is the propensity off-policy evaluation needs
   * @param explored true when exploration, not exploitation, put the arm here
   */
  public record Entry(
      Arm arm, int candidateIndex, double score, double probability, boolean explored) {
    public Entry {
      Objects.requireNonNull(arm, "arm");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            "probability must be in [0, 1], got " + probability + " for arm " + arm.id());
      }
    }
  }
}
