package dev.nudge.bandit.neural;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * N-Dropout-UCB (Gal &amp; Ghahramani; Riquelme et al.): S Monte-Carlo dropout passes through the
 * two-tower model give S scores per candidate; the acquisition score is their mean plus β times
 * their standard deviation (S − 1 in the denominator). The paper uses S = 5, p = 0.2, β = 0.1.
 *
 * <p>The slate is random (the dropout masks are), and no closed form gives its probabilities, so
 * they are estimated: {@code probabilitySamples} further rounds of S passes, from a generator
 * derived from the decision's, count how often the chosen arm tops the arms still untaken in its
 * slot. The estimate is floored at 1/(2R) so that inverse-propensity weights stay finite. Like
 * N-Greedy it keeps no state; the towers are refit elsewhere.
 */
public final class NeuralDropoutUcbPolicy implements Policy {
  public static final int DEFAULT_PASSES = 5;
  public static final double DEFAULT_DROPOUT = 0.2;
  public static final double DEFAULT_BETA = 0.1;
  public static final int DEFAULT_PROBABILITY_SAMPLES = 32;

  private final DropoutSampler sampler;
  private final int passes;
  private final double dropout;
  private final double beta;
  private final int probabilitySamples;

  public NeuralDropoutUcbPolicy(
      DropoutSampler sampler, int passes, double dropout, double beta, int probabilitySamples) {
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    if (passes < 2) {
      throw new IllegalArgumentException(
          "passes must be >= 2 (a standard deviation needs two), got " + passes);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    NeuralSlates.requireBeta(beta);
    if (probabilitySamples < 1) {
      throw new IllegalArgumentException(
          "probabilitySamples must be >= 1, got " + probabilitySamples);
    }
    this.passes = passes;
    this.dropout = dropout;
    this.beta = beta;
    this.probabilitySamples = probabilitySamples;
  }

  /** The paper's settings: S = 5, p = 0.2, β = 0.1. */
  public static NeuralDropoutUcbPolicy paper(DropoutSampler sampler) {
    return new NeuralDropoutUcbPolicy(
        sampler, DEFAULT_PASSES, DEFAULT_DROPOUT, DEFAULT_BETA, DEFAULT_PROBABILITY_SAMPLES);
  }

  @Override
  public String name() {
    return "n-dropout-ucb(passes="
        + passes
        + ", dropout="
        + dropout
        + ", beta="
        + beta
        + ", samples="
        + probabilitySamples
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = NeuralSlates.scoredSubset(context);
    RandomGenerator random = context.random();
    double[] scores = ucb(context, scored, random);
    RandomGenerator resample = Seeds.random(random.nextLong());
    double[][] replays = new double[probabilitySamples][];
    for (int r = 0; r < probabilitySamples; r++) {
      replays[r] = ucb(context, scored, resample);
    }
    boolean[] taken = new boolean[scored.length];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      int best = NeuralSlates.argmax(scores, taken);
      int wins = 0;
      for (double[] replay : replays) {
        if (NeuralSlates.argmax(replay, taken) == best) {
          wins++;
        }
      }
      taken[best] = true;
      double p = Math.max(wins, 0.5) / probabilitySamples;
      int index = scored[best];
      entries.add(new Slate.Entry(context.candidates().get(index), index, scores[best], p, true));
    }
    return new Slate(entries, name(), true);
  }

  /** mean + β·std of the dropout scores of each scored candidate. */
  double[] ucb(DecisionContext context, int[] scored, RandomGenerator random) {
    double[][] samples = new double[passes][scored.length];
    sampler.sample(context, scored, dropout, random, samples);
    double[] out = new double[scored.length];
    for (int k = 0; k < scored.length; k++) {
      double mean = 0;
      for (double[] pass : samples) {
        mean += pass[k];
      }
      mean /= passes;
      double ss = 0;
      for (double[] pass : samples) {
        double e = pass[k] - mean;
        ss += e * e;
      }
      out[k] = mean + beta * Math.sqrt(ss / (passes - 1));
    }
    return out;
  }

  @Override
  public void learn(Feedback feedback) {}

  @Override
  public Policy copy() {
    return new NeuralDropoutUcbPolicy(sampler, passes, dropout, beta, probabilitySamples);
  }

  @Override
  public void writeState(DataOutputStream out) {}

  @Override
  public void readState(DataInputStream in) {}
}
