package dev.nudge.bandit;

/** Textbook dense algebra, independent of the production kernels, for closed-form checks. */
public final class ReferenceAlgebra {
  private ReferenceAlgebra() {}

  /** Solves M x = b (n×n, row-major) by Gauss–Jordan elimination with partial pivoting. */
  public static double[] solve(double[] m, double[] b, int n) {
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m, i * n, a[i], 0, n);
      a[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int j = c; j <= n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return x;
  }

  /** λI + Σ xxᵀ over the rows of {@code xs}. */
  public static double[] gram(double[][] xs, int count, int d, double lambda) {
    double[] a = new double[d * d];
    for (int i = 0; i < d; i++) {
      a[i * d + i] = lambda;
    }
    for (int r = 0; r < count; r++) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i * d + j] += xs[r][i] * xs[r][j];
        }
      }
    }
    return a;
  }

  /** xᵀM⁻¹x, via a solve. */
  public static double inverseQuadratic(double[] m, double[] x, int n) {
    double[] y = solve(m, x, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  public static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  public static double maxAbsDiff(double[] a, double[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }
}
