package dev.nudge.bandit.mab;

import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import java.util.ArrayList;
import java.util.List;

/**
 * Softmax (Boltzmann) exploration: slot k draws arm i from the arms left with probability
 * exp(μ̂_i/τ) / Σ_j exp(μ̂_j/τ) (a Plackett–Luce slate). Small τ is greedy, large τ uniform.
 * Unpulled arms count as {@code optimisticMean}.
 *
 * <p>Probabilities are exact: each entry reports the softmax probability of its arm among the
 * scored arms left for its slot (the subset is all candidates unless a {@link Budget} applies).
 */
public final class SoftmaxPolicy extends ArmStatsPolicy {
  public static final double DEFAULT_TEMPERATURE = 0.1;

  private final double temperature;
  private final double optimisticMean;

  /**
   * @param temperature τ &gt; 0
   * @param optimisticMean the mean assumed for an unpulled arm
   * @param discount γ ∈ (0, 1] (1 = none)
   * @param window only the last {@code window} updates count (0 = all)
   */
  public SoftmaxPolicy(double temperature, double optimisticMean, double discount, int window) {
    super(discount, window);
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
    }
    if (!Double.isFinite(optimisticMean)) {
      throw new IllegalArgumentException("optimisticMean must be finite, got " + optimisticMean);
    }
    this.temperature = temperature;
    this.optimisticMean = optimisticMean;
  }

  public SoftmaxPolicy(double temperature) {
    this(temperature, 1.0, 1, 0);
  }

  @Override
  public String name() {
    return "softmax(temperature="
        + temperature
        + (optimisticMean != 1.0 ? ", optimistic=" + optimisticMean : "")
        + stats.describe()
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    int s = scored.length;
    double[] means = new double[s];
    for (int i = 0; i < s; i++) {
      means[i] = stats.mean(context.candidates().get(scored[i]).key(), optimisticMean);
    }
    boolean[] taken = new boolean[s];
    double[] weights = new double[s];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      // Subtract the largest logit so that exp never overflows.
      double top = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < s; i++) {
        if (!taken[i]) {
          top = Math.max(top, means[i] / temperature);
        }
      }
      double total = 0;
      for (int i = 0; i < s; i++) {
        weights[i] = taken[i] ? 0 : Math.exp(means[i] / temperature - top);
        total += weights[i];
      }
      double u = context.random().nextDouble() * total;
      int chosen = -1;
      for (int i = 0; i < s; i++) {
        if (!taken[i]) {
          chosen = i;
          u -= weights[i];
          if (u < 0) {
            break;
          }
        }
      }
      double p = weights[chosen] / total;
      boolean explored = means[chosen] / temperature < top;
      taken[chosen] = true;
      int index = scored[chosen];
      entries.add(
          new Slate.Entry(context.candidates().get(index), index, means[chosen], p, explored));
    }
    return new Slate(entries, name(), false);
  }

  @Override
  ArmStatsPolicy withSameParameters() {
    return new SoftmaxPolicy(temperature, optimisticMean, discount, window);
  }
}
