package dev.nudge.bandit.neural;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** What the neural policies share: the scoring budget, embedding checks and top-m slates. */
final class NeuralSlates {
  private NeuralSlates() {}

  /**
   * The candidates to score. Without a binding budget, all of them in order; otherwise a uniform
   * random subset of max(budget, slate size) drawn with the decision's random source (the paper's
   * one-stage policies score B randomly drawn items).
   */
  static int[] scoredSubset(DecisionContext context) {
    int n = context.candidates().size();
    int size = Math.max(context.slateSize(), Math.min(n, context.budget()));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (size == n) {
      return order;
    }
    RandomGenerator random = context.random();
    for (int k = 0; k < size; k++) {
      int j = k + random.nextInt(n - k);
      int t = order[j];
      order[j] = order[k];
      order[k] = t;
    }
    int[] subset = java.util.Arrays.copyOf(order, size);
    java.util.Arrays.sort(subset);
    return subset;
  }

  /**
   * The top {@code slateSize} of the scored candidates by descending score (ties to the earlier
   * candidate). The choice is deterministic given the scored set, so each slot's probability is 1
   * when every candidate was scored; under a budget it is 1 given the random subset, and the slate
   * is flagged as estimated because the marginal over subsets is not computed.
   */
  static Slate top(DecisionContext context, int[] scored, double[] scores, String policy) {
    int m = context.slateSize();
    boolean[] taken = new boolean[scored.length];
    List<Slate.Entry> entries = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      int best = argmax(scores, taken);
      taken[best] = true;
      int index = scored[best];
      entries.add(
          new Slate.Entry(context.candidates().get(index), index, scores[best], 1.0, false));
    }
    return new Slate(entries, policy, scored.length < context.candidates().size());
  }

  /** Index of the largest score among those not taken; ties go to the lower index. */
  static int argmax(double[] scores, boolean[] taken) {
    int best = -1;
    for (int i = 0; i < scores.length; i++) {
      if (!taken[i] && (best < 0 || scores[i] > scores[best])) {
        best = i;
      }
    }
    return best;
  }

  static float[] userEmbedding(DecisionContext context, int expected, String policy) {
    float[] z = context.userEmbedding();
    if (z.length != expected) {
      throw new IllegalArgumentException(
          policy
              + ": userEmbedding has length "
              + z.length
              + ", expected "
              + expected
              + " (event "
              + context.eventId()
              + ")");
    }
    return z;
  }

  static float[] itemEmbedding(Arm arm, int expected, String policy) {
    float[] x = arm.embedding();
    if (x.length != expected) {
      throw new IllegalArgumentException(
          policy
              + ": arm '"
              + arm.id()
              + "' has an embedding of length "
              + x.length
              + ", expected "
              + expected);
    }
    return x;
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  static double sigmoid(double s) {
    return 1 / (1 + Math.exp(-s));
  }

  static void requireDimension(String field, int d) {
    if (d < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + d);
    }
  }

  static void requireBeta(double beta) {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
    }
  }

  static void requireLearningRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got " + rate);
    }
  }
}
