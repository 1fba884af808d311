package dev.nudge.bandit.neural;

/**
 * The inner loops of the shared neural policies: dot products, quadratic forms xᵀMx and the block
 * products of the bilinear design-matrix inverse. Each has a Vector API version (AVX2/AVX-512 FMAs,
 * used when the JVM resolved {@code jdk.incubator.vector}, as every Nudge JVM does) and a plain
 * loop version with the same contract, used otherwise or when the system property {@code
 * nudge.kernels=scalar} is set. Results of the two agree to rounding, not bit for bit; one JVM
 * always uses one of them, so decisions stay reproducible.
 */
public final class ScoringKernels {
  private static final boolean VECTOR = detectVectorApi();

  private ScoringKernels() {}

  private static boolean detectVectorApi() {
    if ("scalar".equals(System.getProperty("nudge.kernels"))) {
      return false;
    }
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** True when the Vector API kernels are in use. */
  public static boolean vectorised() {
    return VECTOR;
  }

  /** Σ a[i]·b[i] over the first n entries, accumulated in float. */
  public static float dot(float[] a, float[] b, int n) {
    return VECTOR ? VectorKernels.dot(a, b, n) : ScalarKernels.dot(a, b, n);
  }

  /** xᵀMx for a row-major d×d float matrix M starting at {@code mOff}. */
  public static float quadraticForm(float[] m, int mOff, float[] x, int d) {
    return VECTOR
        ? VectorKernels.quadraticForm(m, mOff, x, d)
        : ScalarKernels.quadraticForm(m, mOff, x, d);
  }

  /** zᵀBz for a row-major d×d double matrix B starting at {@code bOff}. */
  public static double quadraticForm(double[] b, int bOff, double[] z, int d) {
    return VECTOR
        ? VectorKernels.quadraticForm(b, bOff, z, d)
        : ScalarKernels.quadraticForm(b, bOff, z, d);
  }

  /**
   * One read of a row-major d×d block B: {@code bz += alpha·Bz} and {@code btz += beta·Bᵀz}. The
   * Sherman–Morrison update of the bilinear inverse needs both products of each stored block.
   */
  public static void bothProducts(
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
    if (VECTOR) {
      VectorKernels.bothProducts(b, bOff, z, d, alpha, bz, bzOff, beta, btz, btzOff);
    } else {
      ScalarKernels.bothProducts(b, bOff, z, d, alpha, bz, bzOff, beta, btz, btzOff);
    }
  }

  /** B ← B − alpha·u wᵀ for a row-major d×d block B starting at {@code bOff}. */
  public static void rankOneUpdate(
      double[] b, int bOff, double alpha, double[] u, int uOff, double[] w, int wOff, int d) {
    if (VECTOR) {
      VectorKernels.rankOneUpdate(b, bOff, alpha, u, uOff, w, wOff, d);
    } else {
      ScalarKernels.rankOneUpdate(b, bOff, alpha, u, uOff, w, wOff, d);
    }
  }
}
