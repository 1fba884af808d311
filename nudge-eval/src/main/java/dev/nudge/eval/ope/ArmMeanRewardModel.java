package dev.nudge.eval.ope;

import dev.nudge.bandit.DecisionContext;
import java.util.Arrays;
import java.util.List;

/**
 * r̂(a) = the mean logged reward of arm a, shrunk toward the overall mean by {@code priorWeight}
 * pseudo-observations so that rarely logged arms do not get extreme estimates. Ignores context.
 */
public final class ArmMeanRewardModel implements RewardModel {
  private final double[] means;
  private final double overall;

  private ArmMeanRewardModel(double[] means, double overall) {
    this.means = means;
    this.overall = overall;
  }

  /** Fits per-arm means with {@code priorWeight} >= 0 pseudo-observations at the overall mean. */
  public static Fitter fitter(double priorWeight) {
    if (!(priorWeight >= 0)) {
      throw new IllegalArgumentException("priorWeight must be >= 0, got " + priorWeight);
    }
    return rounds -> fit(rounds, priorWeight);
  }

  static ArmMeanRewardModel fit(List<LoggedRound> rounds, double priorWeight) {
    int maxKey = 0;
    double total = 0;
    for (LoggedRound r : rounds) {
      maxKey = Math.max(maxKey, r.context().candidates().get(r.action()).key());
      total += r.reward();
    }
    double overall = rounds.isEmpty() ? 0 : total / rounds.size();
    double[] sums = new double[maxKey + 1];
    double[] counts = new double[maxKey + 1];
    for (LoggedRound r : rounds) {
      int key = r.context().candidates().get(r.action()).key();
      sums[key] += r.reward();
      counts[key]++;
    }
    double[] means = new double[maxKey + 1];
    for (int k = 0; k <= maxKey; k++) {
      double n = counts[k] + priorWeight;
      means[k] = n > 0 ? (sums[k] + priorWeight * overall) / n : overall;
    }
    return new ArmMeanRewardModel(means, overall);
  }

  @Override
  public double[] predict(DecisionContext context) {
    double[] out = new double[context.candidates().size()];
    for (int i = 0; i < out.length; i++) {
      int key = context.candidates().get(i).key();
      out[i] = key < means.length ? means[key] : overall;
    }
    return out;
  }

  @Override
  public String toString() {
    return "ArmMeanRewardModel" + Arrays.toString(means);
  }
}
