package dev.nudge.bandit;

/**
 * The scoring budget of one-stage policies. With n candidates, slate size m and budget B, a policy
 * computes acquisition scores for only min(n, max(B, m)) candidates, drawn uniformly at random
 * without replacement from the decision's own random source; the others are not scored and cannot
 * be placed by the scoring part of the policy. The budget never drops below m, so a slate can
 * always be filled. When the budget covers every candidate no random number is drawn, so a policy
 * decides exactly as it would without a budget.
 *
 * <p>Probabilities reported by a policy under a budget are conditional on the drawn subset; they
 * are the marginal propensities off-policy evaluation needs only when B ≥ n. Exploration that needs
 * no score (uniform draws in ε-greedy and {@link EpsilonMix}) ranges over all candidates.
 */
public final class Budget {
  private Budget() {}

  /** How many candidates a decision may score. */
  public static int scoredCount(DecisionContext context) {
    int n = context.candidates().size();
    return Math.min(n, Math.max(context.budget(), context.slateSize()));
  }

  /**
   * The indices (into {@code context.candidates()}) of the candidates to score, ascending, so that
   * ties keep the candidates' order.
   */
  public static int[] scoredIndices(DecisionContext context) {
    int n = context.candidates().size();
    int count = scoredCount(context);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (count == n) {
      return order;
    }
    // Partial Fisher–Yates: the first `count` slots become a uniform sample without replacement.
    for (int k = 0; k < count; k++) {
      int j = k + context.random().nextInt(n - k);
      int t = order[j];
      order[j] = order[k];
      order[k] = t;
    }
    int[] chosen = java.util.Arrays.copyOf(order, count);
    java.util.Arrays.sort(chosen);
    return chosen;
  }
}
