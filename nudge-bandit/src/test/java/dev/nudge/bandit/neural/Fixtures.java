package dev.nudge.bandit.neural;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Shared test data: random embeddings, arms, contexts, and explicit dense linear algebra. */
public final class Fixtures {
  private Fixtures() {}

  public static float[] unit(RandomGenerator random, int d) {
    float[] v = new float[d];
    double norm = 0;
    for (int i = 0; i < d; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < d; i++) {
      v[i] *= inv;
    }
    return v;
  }

  public static double[] gaussian(RandomGenerator random, int d) {
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  public static List<Arm> arms(RandomGenerator random, int n, int d) {
    List<Arm> arms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      arms.add(new Arm("item-" + i, i, unit(random, d), null, i % 5));
    }
    return arms;
  }

  public static DecisionContext context(String event, float[] user, List<Arm> arms, int m) {
    return new DecisionContext(
        event, 0, user, null, arms, m, DecisionContext.UNLIMITED, Seeds.forEvent(event));
  }

  public static Feedback feedback(DecisionContext context, Arm arm, double reward) {
    return new Feedback(context, arm, 0, reward);
  }

  /** vec(x zᵀ), item-major. */
  public static double[] outer(double[] x, double[] z) {
    double[] v = new double[x.length * z.length];
    for (int a = 0; a < x.length; a++) {
      for (int b = 0; b < z.length; b++) {
        v[a * z.length + b] = x[a] * z[b];
      }
    }
    return v;
  }

  /** I + Σ v vᵀ. */
  public static DMatrixRMaj gram(List<double[]> vectors, int dim) {
    DMatrixRMaj w = CommonOps_DDRM.identity(dim);
    for (double[] v : vectors) {
      for (int i = 0; i < dim; i++) {
        for (int j = 0; j < dim; j++) {
          w.add(i, j, v[i] * v[j]);
        }
      }
    }
    return w;
  }

  public static DMatrixRMaj inverse(DMatrixRMaj m) {
    DMatrixRMaj inv = m.copy();
    if (!CommonOps_DDRM.invert(inv)) {
      throw new AssertionError("singular matrix");
    }
    return inv;
  }

  public static double quadratic(DMatrixRMaj m, double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        s += v[i] * m.get(i, j) * v[j];
      }
    }
    return s;
  }

  public static double[] times(DMatrixRMaj m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m.get(i, j) * v[j];
      }
    }
    return out;
  }

  public static double sigmoid(double s) {
    return 1 / (1 + Math.exp(-s));
  }
}
