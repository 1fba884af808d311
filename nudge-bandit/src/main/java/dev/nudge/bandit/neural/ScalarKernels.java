package dev.nudge.bandit.neural;

/**
 * Plain-loop versions of {@link ScoringKernels}; also the reference the vector ones are tested
 * against.
 */
final class ScalarKernels {
  private ScalarKernels() {}

  static float dot(float[] a, float[] b, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static float quadraticForm(float[] m, int mOff, float[] x, int d) {
    float total = 0;
    for (int a = 0; a < d; a++) {
      float s = 0;
      int row = mOff + a * d;
      for (int j = 0; j < d; j++) {
        s += m[row + j] * x[j];
      }
      total += x[a] * s;
    }
    return total;
  }

  static double quadraticForm(double[] b, int bOff, double[] z, int d) {
    double total = 0;
    for (int a = 0; a < d; a++) {
      double s = 0;
      int row = bOff + a * d;
      for (int j = 0; j < d; j++) {
        s += b[row + j] * z[j];
      }
      total += z[a] * s;
    }
    return total;
  }

  static void bothProducts(
      double[] b,
      int bOff,
      double[] z,
      int d,
      double alpha,
      double[] bz,
      int bzOff,
      double beta,
      double[] btz,
      int btzOff) {
    for (int r = 0; r < d; r++) {
      int row = bOff + r * d;
      double zr = beta * z[r];
      double s = 0;
      for (int j = 0; j < d; j++) {
        double v = b[row + j];
        s += v * z[j];
        btz[btzOff + j] += zr * v;
      }
      bz[bzOff + r] += alpha * s;
    }
  }

  static void rankOneUpdate(
      double[] b, int bOff, double alpha, double[] u, int uOff, double[] w, int wOff, int d) {
    for (int r = 0; r < d; r++) {
      int row = bOff + r * d;
      double ur = alpha * u[uOff + r];
      for (int j = 0; j < d; j++) {
        b[row + j] -= ur * w[wOff + j];
      }
    }
  }
}
