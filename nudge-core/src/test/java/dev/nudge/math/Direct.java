package dev.nudge.math;

/**
 * Textbook dense algebra written independently of the code under test, for reference values. Other
 * modules' tests use it through nudge-core's test jar (nudge-bandit checks LinUCB and GLM-UCB
 * against it), so there is one reference implementation.
 */
public final class Direct {
  private Direct() {}

  /** Solves M x = b by Gaussian elimination with partial pivoting (M is n×n, row-major). */
  public static double[] solve(double[] m, double[] b, int n) {
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = m[i * n + j];
      }
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

  /** M⁻¹ by solving against each unit vector. */
  public static double[] inverse(double[] m, int n) {
    double[] inv = new double[n * n];
    for (int c = 0; c < n; c++) {
      double[] e = new double[n];
      e[c] = 1;
      double[] col = solve(m, e, n);
      for (int r = 0; r < n; r++) {
        inv[r * n + c] = col[r];
      }
    }
    return inv;
  }

  /** λI + Σ xxᵀ over the first {@code count} rows of {@code xs} (d×d, row-major). */
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
    return dot(x, y);
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
