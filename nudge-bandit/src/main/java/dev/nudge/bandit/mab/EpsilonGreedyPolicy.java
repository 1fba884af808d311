package dev.nudge.bandit.mab;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ε-greedy over per-arm mean rewards. Each slot, with probability ε, takes a uniformly random
 * remaining arm, otherwise the remaining arm with the best mean (ties go to the earlier candidate).
 * Unpulled arms count as {@code optimisticMean} so that each gets tried. The probability of each
 * slot is exact: (1 − ε) + ε/r for the greedy arm, ε/r for the others, with r arms remaining.
 */
public final class EpsilonGreedyPolicy implements Policy {
  /** The exploration rate of the seed documents. */
  public static final double DEFAULT_EPSILON = 0.1;

  private final double epsilon;
  private final double optimisticMean;
  private ArmStats stats;

  public EpsilonGreedyPolicy(double epsilon, double optimisticMean) {
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
    if (!Double.isFinite(optimisticMean)) {
      throw new IllegalArgumentException("optimisticMean must be finite, got " + optimisticMean);
    }
    this.epsilon = epsilon;
    this.optimisticMean = optimisticMean;
    this.stats = new ArmStats();
  }

  public EpsilonGreedyPolicy(double epsilon) {
    this(epsilon, 1.0);
  }

  @Override
  public String name() {
    return "epsilon-greedy(epsilon=" + epsilon + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    List<Arm> arms = context.candidates();
    int n = arms.size();
    double[] means = new double[n];
    for (int i = 0; i < n; i++) {
      means[i] = stats.mean(arms.get(i).key(), optimisticMean);
    }
    boolean[] taken = new boolean[n];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      int remaining = n - k;
      int greedy = -1;
      for (int i = 0; i < n; i++) {
        if (!taken[i] && (greedy < 0 || means[i] > means[greedy])) {
          greedy = i;
        }
      }
      int chosen = greedy;
      boolean explored = false;
      if (context.random().nextDouble() < epsilon) {
        int pick = context.random().nextInt(remaining);
        for (int i = 0; i < n; i++) {
          if (!taken[i] && pick-- == 0) {
            chosen = i;
            break;
          }
        }
        explored = chosen != greedy;
      }
      double p = epsilon / remaining + (chosen == greedy ? 1 - epsilon : 0);
      taken[chosen] = true;
      entries.add(new Slate.Entry(arms.get(chosen), chosen, means[chosen], p, explored));
    }
    return new Slate(entries, name(), false);
  }

  @Override
  public void learn(Feedback feedback) {
    stats.add(feedback.arm().key(), feedback.reward());
  }

  @Override
  public Policy copy() {
    EpsilonGreedyPolicy copy = new EpsilonGreedyPolicy(epsilon, optimisticMean);
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
