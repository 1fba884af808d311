package dev.nudge.eval.ope;

import dev.nudge.bandit.DecisionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * One ridge regression per arm on the context features (with an intercept): r̂(x, a) = θ_aᵀ[1, x],
 * θ_a = (λI + Σ x xᵀ)⁻¹ Σ r x over the rounds where a was logged. Arms never logged get the overall
 * mean. Predictions are clamped to the observed reward range.
 */
public final class RidgeRewardModel implements RewardModel {
  private final Map<Integer, double[]> thetas;
  private final double overall;
  private final double low;
  private final double high;

  private RidgeRewardModel(Map<Integer, double[]> thetas, double overall, double low, double high) {
    this.thetas = thetas;
    this.overall = overall;
    this.low = low;
    this.high = high;
  }

  public static Fitter fitter(double lambda) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
    }
    return rounds -> fit(rounds, lambda);
  }

  static RidgeRewardModel fit(List<LoggedRound> rounds, double lambda) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a reward model on no rounds");
    }
    int d = rounds.get(0).context().features().length + 1;
    Map<Integer, double[]> gram = new HashMap<>();
    Map<Integer, double[]> moments = new HashMap<>();
    double total = 0;
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    double[] x = new double[d];
    for (LoggedRound r : rounds) {
      features(r.context(), x, d);
      int key = r.context().candidates().get(r.action()).key();
      double[] a = gram.computeIfAbsent(key, k -> identity(d, lambda));
      double[] b = moments.computeIfAbsent(key, k -> new double[d]);
      for (int i = 0; i < d; i++) {
        b[i] += r.reward() * x[i];
        for (int j = 0; j < d; j++) {
          a[i * d + j] += x[i] * x[j];
        }
      }
      total += r.reward();
      low = Math.min(low, r.reward());
      high = Math.max(high, r.reward());
    }
    Map<Integer, double[]> thetas = new HashMap<>();
    for (var e : gram.entrySet()) {
      LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(d);
      if (!chol.setA(DMatrixRMaj.wrap(d, d, e.getValue()))) {
        throw new IllegalStateException("ridge system of arm " + e.getKey() + " is not definite");
      }
      DMatrixRMaj theta = new DMatrixRMaj(d, 1);
      chol.solve(DMatrixRMaj.wrap(d, 1, moments.get(e.getKey())), theta);
      thetas.put(e.getKey(), theta.data);
    }
    return new RidgeRewardModel(Map.copyOf(thetas), total / rounds.size(), low, high);
  }

  private static double[] identity(int d, double lambda) {
    double[] m = new double[d * d];
    for (int i = 0; i < d; i++) {
      m[i * d + i] = lambda;
    }
    return m;
  }

  private static void features(DecisionContext context, double[] x, int d) {
    if (context.features().length != d - 1) {
      throw new IllegalArgumentException(
          "event "
              + context.eventId()
              + " has "
              + context.features().length
              + " context features, expected "
              + (d - 1));
    }
    x[0] = 1;
    System.arraycopy(context.features(), 0, x, 1, d - 1);
  }

  @Override
  public double[] predict(DecisionContext context) {
    double[] out = new double[context.candidates().size()];
    int d = context.features().length + 1;
    double[] x = new double[d];
    features(context, x, d);
    for (int i = 0; i < out.length; i++) {
      double[] theta = thetas.get(context.candidates().get(i).key());
      if (theta == null || theta.length != d) {
        out[i] = overall;
        continue;
      }
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += theta[j] * x[j];
      }
      out[i] = Math.clamp(s, low, high);
    }
    return out;
  }
}
