package dev.nudge.bandit.mab;

import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.EpsilonMix;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.Slates;

/**
 * UCB1 (Auer et al. 2002): score μ̂_i + c·√(2 ln N / n_i), with N the pulls of all arms and n_i
 * those of arm i; an unpulled arm scores +∞ so each is tried once. c = 1 is the textbook bound for
 * rewards in [0, 1]. With a discount or a window the counts are the discounted or windowed ones
 * (D-UCB / SW-UCB).
 *
 * <p>Deterministic: every slot reports probability 1 (given the scored subset). Wrap it in {@link
 * EpsilonMix} for non-degenerate propensities.
 */
public final class Ucb1Policy extends ArmStatsPolicy {
  public static final double DEFAULT_C = 1;

  private final double c;

  /**
   * @param c the exploration weight, ≥ 0
   * @param discount γ ∈ (0, 1] (1 = none)
   * @param window only the last {@code window} updates count (0 = all)
   */
  public Ucb1Policy(double c, double discount, int window) {
    super(discount, window);
    if (!(c >= 0) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("c must be >= 0 and finite, got " + c);
    }
    this.c = c;
  }

  public Ucb1Policy() {
    this(DEFAULT_C, 1, 0);
  }

  @Override
  public String name() {
    return "ucb1(c=" + c + stats.describe() + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    double[] scores = new double[scored.length];
    double[] means = new double[scored.length];
    double logTotal = Math.log(Math.max(stats.totalPulls(), 1));
    for (int s = 0; s < scored.length; s++) {
      int key = context.candidates().get(scored[s]).key();
      double n = stats.pulls(key);
      if (n <= 1e-12) {
        means[s] = Double.NEGATIVE_INFINITY;
        scores[s] = Double.POSITIVE_INFINITY;
      } else {
        means[s] = stats.rewardSum(key) / n;
        scores[s] = means[s] + c * Math.sqrt(2 * logTotal / n);
      }
    }
    return Slates.topScores(context, scored, scores, means, name());
  }

  @Override
  ArmStatsPolicy withSameParameters() {
    return new Ucb1Policy(c, discount, window);
  }
}
