package dev.nudge.bandit.mab;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Beta–Bernoulli Thompson sampling with a Beta(α, β) prior. Each arm draws θ ~ Beta(α + clicks, β +
 * misses); the slate is the arms by descending draw. Rewards are read as successes in [0, 1].
 *
 * <p>No closed form gives the probability of a slot, so it is estimated: {@code probabilitySamples}
 * further draws, from a generator derived from the decision's own, count how often the chosen arm
 * wins its slot among the arms left. The estimate is floored at 1/(2S) so that inverse-propensity
 * weights stay finite.
 */
public final class BetaThompsonPolicy implements Policy {
  public static final double DEFAULT_ALPHA = 1;
  public static final double DEFAULT_BETA = 1;
  public static final int DEFAULT_PROBABILITY_SAMPLES = 256;

  private final double alpha;
  private final double beta;
  private final int probabilitySamples;
  private ArmStats stats;

  public BetaThompsonPolicy(double alpha, double beta, int probabilitySamples) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
    }
    if (!(beta > 0)) {
      throw new IllegalArgumentException("beta must be > 0, got " + beta);
    }
    if (probabilitySamples < 1) {
      throw new IllegalArgumentException(
          "probabilitySamples must be >= 1, got " + probabilitySamples);
    }
    this.alpha = alpha;
    this.beta = beta;
    this.probabilitySamples = probabilitySamples;
    this.stats = new ArmStats();
  }

  public BetaThompsonPolicy() {
    this(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_PROBABILITY_SAMPLES);
  }

  @Override
  public String name() {
    return "beta-thompson(alpha=" + alpha + ", beta=" + beta + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    List<Arm> arms = context.candidates();
    int n = arms.size();
    double[] a = new double[n];
    double[] b = new double[n];
    double[] draw = new double[n];
    RandomGenerator random = context.random();
    for (int i = 0; i < n; i++) {
      int key = arms.get(i).key();
      double wins = stats.rewardSum(key);
      a[i] = alpha + wins;
      b[i] = beta + Math.max(0, stats.pulls(key) - wins);
      draw[i] = BetaSampler.sample(random, a[i], b[i]);
    }
    RandomGenerator resample = Seeds.random(random.nextLong());
    boolean[] taken = new boolean[n];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (!taken[i] && (best < 0 || draw[i] > draw[best])) {
          best = i;
        }
      }
      double p = winShare(best, taken, a, b, resample);
      taken[best] = true;
      entries.add(new Slate.Entry(arms.get(best), best, draw[best], p, true));
    }
    return new Slate(entries, name(), true);
  }

  private double winShare(
      int arm, boolean[] taken, double[] a, double[] b, RandomGenerator random) {
    int wins = 0;
    for (int s = 0; s < probabilitySamples; s++) {
      double mine = BetaSampler.sample(random, a[arm], b[arm]);
      boolean won = true;
      for (int i = 0; i < a.length && won; i++) {
        if (i != arm && !taken[i] && BetaSampler.sample(random, a[i], b[i]) > mine) {
          won = false;
        }
      }
      if (won) {
        wins++;
      }
    }
    return Math.max(wins, 0.5) / probabilitySamples;
  }

  @Override
  public void learn(Feedback feedback) {
    stats.add(feedback.arm().key(), Math.clamp(feedback.reward(), 0.0, 1.0));
  }

  @Override
  public Policy copy() {
    BetaThompsonPolicy copy = new BetaThompsonPolicy(alpha, beta, probabilitySamples);
    copy.stats = stats.copy();
    return copy;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    stats.write(out);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    stats.read(in);
  }
}
