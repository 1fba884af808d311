package dev.nudge.bandit.neural;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * How far an approximate bilinear inverse is from the exact one, on the quantity the policy uses:
 * the bonus ‖vec(x zᵀ)‖_{W⁻¹} = √(xᵀM(z)x) of random unit x and z.
 *
 * @param medianRelative the median of |approx − exact| / exact over all (x, z) probes
 * @param worstRelative the largest such relative error
 * @param meanSpearman the mean over users of the Spearman rank correlation between the two bonuses
 *     across the candidates, i.e. how much the approximation changes the exploration order
 */
public record BilinearErrors(double medianRelative, double worstRelative, double meanSpearman) {

  /** Probes {@code users} random z, each with the same {@code candidates} random x. */
  public static BilinearErrors measure(
      BilinearInverse exact,
      BilinearInverse approximate,
      int candidates,
      int users,
      RandomGenerator random) {
    int d1 = exact.itemDimension();
    int d2 = exact.userDimension();
    if (approximate.itemDimension() != d1 || approximate.userDimension() != d2) {
      throw new IllegalArgumentException("the two inverses have different dimensions");
    }
    if (candidates < 2 || users < 1) {
      throw new IllegalArgumentException(
          "need candidates >= 2 and users >= 1, got " + candidates + " and " + users);
    }
    double[][] xs = new double[candidates][];
    for (int i = 0; i < candidates; i++) {
      xs[i] = unit(random, d1);
    }
    double[] relative = new double[candidates * users];
    double spearman = 0;
    double[] me = new double[d1 * d1];
    double[] ma = new double[d1 * d1];
    for (int u = 0; u < users; u++) {
      double[] z = unit(random, d2);
      exact.reduce(z, me);
      approximate.reduce(z, ma);
      double[] be = new double[candidates];
      double[] ba = new double[candidates];
      for (int i = 0; i < candidates; i++) {
        be[i] = Math.sqrt(Math.max(0, quad(me, xs[i], d1)));
        ba[i] = Math.sqrt(Math.max(0, quad(ma, xs[i], d1)));
        relative[u * candidates + i] = Math.abs(ba[i] - be[i]) / be[i];
      }
      spearman += spearman(be, ba);
    }
    Arrays.sort(relative);
    return new BilinearErrors(
        relative[relative.length / 2], relative[relative.length - 1], spearman / users);
  }

  private static double quad(double[] m, double[] x, int d) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      double r = 0;
      for (int c = 0; c < d; c++) {
        r += m[a * d + c] * x[c];
      }
      s += x[a] * r;
    }
    return s;
  }

  private static double[] unit(RandomGenerator random, int d) {
    double[] v = new double[d];
    double norm = 0;
    for (int i = 0; i < d; i++) {
      v[i] = random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < d; i++) {
      v[i] /= Math.sqrt(norm);
    }
    return v;
  }

  private static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    int n = a.length;
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    }
    return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
  }

  private static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      r[order[k]] = k;
    }
    return r;
  }
}
