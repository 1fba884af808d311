package dev.nudge.bandit.mab;

import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.Slates;

/**
 * Beta–Bernoulli Thompson sampling with a Beta(α, β) prior. Each arm draws θ ~ Beta(α + clicks, β +
 * misses); the slate is the arms by descending draw. Rewards are read as successes in [0, 1]
 * (clamped). A pessimistic prior such as Beta(1, 99) suits low click rates.
 *
 * <p>No closed form gives the probability of a slot, so it is estimated ({@link Slates#thompson}):
 * {@code probabilitySamples} further draws, from a generator derived from the decision's own, count
 * how often the chosen arm wins its slot among the arms left. The estimate is floored at 1/(2S) so
 * that inverse-propensity weights stay finite.
 */
public final class BetaThompsonPolicy extends ArmStatsPolicy {
  public static final double DEFAULT_ALPHA = 1;
  public static final double DEFAULT_BETA = 1;
  public static final int DEFAULT_PROBABILITY_SAMPLES = 256;

  private final double alpha;
  private final double beta;
  private final int probabilitySamples;

  /**
   * @param alpha prior successes α &gt; 0
   * @param beta prior failures β &gt; 0
   * @param probabilitySamples draws S used to estimate probabilities, ≥ 1
   * @param discount γ ∈ (0, 1] (1 = none)
   * @param window only the last {@code window} updates count (0 = all)
   */
  public BetaThompsonPolicy(
      double alpha, double beta, int probabilitySamples, double discount, int window) {
    super(discount, window);
    if (!(alpha > 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha must be > 0 and finite, got " + alpha);
    }
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be > 0 and finite, got " + beta);
    }
    if (probabilitySamples < 1) {
      throw new IllegalArgumentException(
          "probabilitySamples must be >= 1, got " + probabilitySamples);
    }
    this.alpha = alpha;
    this.beta = beta;
    this.probabilitySamples = probabilitySamples;
  }

  public BetaThompsonPolicy(double alpha, double beta, int probabilitySamples) {
    this(alpha, beta, probabilitySamples, 1, 0);
  }

  public BetaThompsonPolicy() {
    this(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_PROBABILITY_SAMPLES);
  }

  @Override
  public String name() {
    return "beta-thompson(alpha="
        + alpha
        + ", beta="
        + beta
        + (probabilitySamples != DEFAULT_PROBABILITY_SAMPLES
            ? ", samples=" + probabilitySamples
            : "")
        + stats.describe()
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    int s = scored.length;
    double[] a = new double[s];
    double[] b = new double[s];
    for (int i = 0; i < s; i++) {
      int key = context.candidates().get(scored[i]).key();
      double wins = stats.rewardSum(key);
      a[i] = alpha + Math.max(0, wins);
      b[i] = beta + Math.max(0, stats.pulls(key) - wins);
    }
    return Slates.thompson(
        context,
        scored,
        (random, out) -> {
          for (int i = 0; i < s; i++) {
            out[i] = BetaSampler.sample(random, a[i], b[i]);
          }
        },
        probabilitySamples,
        name());
  }

  @Override
  ArmStatsPolicy withSameParameters() {
    return new BetaThompsonPolicy(alpha, beta, probabilitySamples, discount, window);
  }

  /** Thompson reads rewards as successes: Beta counts need them in [0, 1]. */
  @Override
  double counted(double reward) {
    return Math.clamp(reward, 0.0, 1.0);
  }
}
