package dev.nudge.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Small dense kernels on row-major {@code double[]}. The loops are shaped so that HotSpot's
 * superword pass vectorises them: matrix–vector products are written as sums of scaled rows (axpy
 * over contiguous memory) rather than as row dot products, because a floating-point sum reduction
 * must keep its order and is therefore not vectorised. Stateless and thread-safe.
 */
public final class Dense {
  private Dense() {}

  /** xᵀy, with four partial sums to shorten the dependency chain. */
  public static double dot(double[] x, double[] y, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
    }
    for (; i < n; i++) {
      s0 += x[i] * y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The dot product of {@code x[off .. off+n)} with {@code y[0 .. n)} (a row of a matrix). */
  public static double dotAt(double[] x, int off, double[] y, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[off + i] * y[i];
      s1 += x[off + i + 1] * y[i + 1];
      s2 += x[off + i + 2] * y[i + 2];
      s3 += x[off + i + 3] * y[i + 3];
    }
    for (; i < n; i++) {
      s0 += x[off + i] * y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * out = S·x for a symmetric d×d matrix S: since S = Sᵀ, S·x is the sum of the rows of S weighted
   * by x, which vectorises.
   */
  public static void symmetricTimes(double[] s, double[] x, double[] out, int d) {
    java.util.Arrays.fill(out, 0, d, 0.0);
    for (int j = 0; j < d; j++) {
      double xj = x[j];
      if (xj == 0) {
        continue;
      }
      int row = j * d;
      for (int i = 0; i < d; i++) {
        out[i] += xj * s[row + i];
      }
    }
  }

  /** xᵀSx for a symmetric d×d matrix S; {@code scratch} (length ≥ d) is overwritten. */
  public static double quadraticForm(double[] s, double[] x, double[] scratch, int d) {
    symmetricTimes(s, x, scratch, d);
    return dot(x, scratch, d);
  }

  /**
   * The inverse of a symmetric positive-definite matrix by Cholesky.
   *
   * @throws IllegalArgumentException if the matrix is not positive definite
   */
  public static double[] choleskyInverse(double[] s, int d) {
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(d);
    if (!chol.setA(DMatrixRMaj.wrap(d, d, s.clone()))) {
      throw new IllegalArgumentException("matrix is not positive definite");
    }
    DMatrixRMaj inv = new DMatrixRMaj(d, d);
    chol.invert(inv);
    return inv.data;
  }

  /**
   * The lower Cholesky factor L of a symmetric positive-definite S = L·Lᵀ, row-major.
   *
   * @throws IllegalArgumentException if the matrix is not positive definite
   */
  public static double[] choleskyLower(double[] s, int d) {
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
    if (!chol.decompose(DMatrixRMaj.wrap(d, d, s.clone()))) {
      throw new IllegalArgumentException("matrix is not positive definite");
    }
    DMatrixRMaj lower = chol.getT(null);
    return lower.data;
  }

  /** x = S⁻¹b for a symmetric positive-definite S, by Cholesky; false if S is not SPD. */
  public static boolean choleskySolve(double[] s, double[] b, double[] x, int d) {
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(d);
    if (!chol.setA(DMatrixRMaj.wrap(d, d, s.clone()))) {
      return false;
    }
    DMatrixRMaj out = new DMatrixRMaj(d, 1);
    chol.solve(DMatrixRMaj.wrap(d, 1, b.clone()), out);
    System.arraycopy(out.data, 0, x, 0, d);
    return true;
  }
}
