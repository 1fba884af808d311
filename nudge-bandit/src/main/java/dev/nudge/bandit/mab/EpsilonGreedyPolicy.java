package dev.nudge.bandit.mab;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import java.util.ArrayList;
import java.util.List;

/**
 * ε-greedy over per-arm mean rewards. Each slot, with probability ε, takes a uniformly random
 * remaining arm, otherwise the remaining scored arm with the best mean (ties go to the earlier
 * candidate). Unpulled arms count as {@code optimisticMean} so that each gets tried.
 *
 * <p>Decay: after t updates the rate is ε_t = ε / (1 + decay·t) (decay = 0 keeps ε fixed).
 *
 * <p>Probabilities are exact: with r arms remaining, (1 − ε_t) + ε_t/r for the greedy arm, ε_t/r
 * for the others. Under a {@link Budget} the greedy arm is the best of the scored subset while
 * exploration still draws from every remaining candidate, so the probabilities are conditional on
 * that subset.
 */
public final class EpsilonGreedyPolicy extends ArmStatsPolicy {
  /** The exploration rate of the seed documents. */
  public static final double DEFAULT_EPSILON = 0.1;

  private final double epsilon;
  private final double decay;
  private final double optimisticMean;

  /**
   * @param epsilon the exploration rate ε ∈ [0, 1]
   * @param decay ε_t = ε/(1 + decay·t); ≥ 0
   * @param optimisticMean the mean assumed for an unpulled arm
   * @param discount γ ∈ (0, 1] applied to the statistics after every update (1 = none)
   * @param window only the last {@code window} updates count (0 = all)
   */
  public EpsilonGreedyPolicy(
      double epsilon, double decay, double optimisticMean, double discount, int window) {
    super(discount, window);
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
    if (!(decay >= 0) || !Double.isFinite(decay)) {
      throw new IllegalArgumentException("decay must be >= 0 and finite, got " + decay);
    }
    if (!Double.isFinite(optimisticMean)) {
      throw new IllegalArgumentException("optimisticMean must be finite, got " + optimisticMean);
    }
    this.epsilon = epsilon;
    this.decay = decay;
    this.optimisticMean = optimisticMean;
  }

  public EpsilonGreedyPolicy(double epsilon, double optimisticMean) {
    this(epsilon, 0, optimisticMean, 1, 0);
  }

  public EpsilonGreedyPolicy(double epsilon) {
    this(epsilon, 1.0);
  }

  @Override
  public String name() {
    return "epsilon-greedy(epsilon="
        + epsilon
        + (decay > 0 ? ", decay=" + decay : "")
        + (optimisticMean != 1.0 ? ", optimistic=" + optimisticMean : "")
        + stats.describe()
        + ")";
  }

  /** The exploration rate after the updates seen so far. */
  public double currentEpsilon() {
    return epsilon / (1 + decay * stats.updates());
  }

  @Override
  public Slate decide(DecisionContext context) {
    List<Arm> arms = context.candidates();
    int n = arms.size();
    int[] scored = Budget.scoredIndices(context);
    double[] means = new double[n];
    boolean[] isScored = new boolean[n];
    for (int i : scored) {
      means[i] = stats.mean(arms.get(i).key(), optimisticMean);
      isScored[i] = true;
    }
    double eps = currentEpsilon();
    boolean[] taken = new boolean[n];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      int remaining = n - k;
      int greedy = -1;
      for (int i : scored) {
        if (!taken[i] && (greedy < 0 || means[i] > means[greedy])) {
          greedy = i;
        }
      }
      int chosen = greedy;
      boolean explored = false;
      if (context.random().nextDouble() < eps) {
        int pick = context.random().nextInt(remaining);
        for (int i = 0; i < n; i++) {
          if (!taken[i] && pick-- == 0) {
            chosen = i;
            break;
          }
        }
        explored = chosen != greedy;
      }
      double p = eps / remaining + (chosen == greedy ? 1 - eps : 0);
      taken[chosen] = true;
      double score = isScored[chosen] ? means[chosen] : Double.NaN;
      entries.add(new Slate.Entry(arms.get(chosen), chosen, score, Math.min(1, p), explored));
    }
    return new Slate(entries, name(), false);
  }

  @Override
  ArmStatsPolicy withSameParameters() {
    return new EpsilonGreedyPolicy(epsilon, decay, optimisticMean, discount, window);
  }
}
