package dev.nudge.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Keeps A⁻¹ of a symmetric positive-definite design matrix A = λI + Σ v vᵀ up to date under rank-1
 * additions, in O(d²) per update instead of O(d³) per inversion:
 *
 * <pre>A⁻¹ ← A⁻¹ − (A⁻¹v)(vᵀA⁻¹) / (1 + vᵀA⁻¹v)</pre>
 *
 * <p>Rounding drifts over many updates, so A itself is kept too and {@link #reinvert()} (done
 * automatically every {@code reinvertEvery} updates) recomputes A⁻¹ exactly by Cholesky. Both
 * matrices are row-major {@code double[d*d]}. Updates are single-writer; {@link
 * #quadraticForm(double[])} and {@link #inverse()} reads may run concurrently with each other.
 */
public final class ShermanMorrison {
  private final int d;
  private final double[] a;
  private final double[] aInv;
  private final double[] scratch;
  private final int reinvertEvery;
  private long updates;

  /** A = λI, so A⁻¹ = I/λ; re-inverts exactly every {@code reinvertEvery} updates (0 = never). */
  public ShermanMorrison(int d, double lambda, int reinvertEvery) {
    if (d < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + d);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
    }
    if (reinvertEvery < 0) {
      throw new IllegalArgumentException("reinvertEvery must be >= 0, got " + reinvertEvery);
    }
    this.d = d;
    this.a = new double[d * d];
    this.aInv = new double[d * d];
    this.scratch = new double[d];
    this.reinvertEvery = reinvertEvery;
    for (int i = 0; i < d; i++) {
      a[i * d + i] = lambda;
      aInv[i * d + i] = 1 / lambda;
    }
  }

  private ShermanMorrison(ShermanMorrison other) {
    this.d = other.d;
    this.a = other.a.clone();
    this.aInv = other.aInv.clone();
    this.scratch = new double[d];
    this.reinvertEvery = other.reinvertEvery;
    this.updates = other.updates;
  }

  public int dimension() {
    return d;
  }

  /** A ← A + w·v vᵀ (w > 0; w = 1 for a plain observation), and A⁻¹ to match. */
  public void add(double[] v, double w) {
    if (v.length != d) {
      throw new IllegalArgumentException("vector has length " + v.length + ", expected " + d);
    }
    if (!(w > 0)) {
      throw new IllegalArgumentException("weight must be > 0, got " + w);
    }
    // u = A⁻¹v (A⁻¹ is symmetric, so vᵀA⁻¹ = uᵀ).
    double[] u = scratch;
    Dense.symmetricTimes(aInv, v, u, d);
    double quad = Dense.dot(v, u, d);
    double c = w / (1 + w * quad);
    for (int i = 0; i < d; i++) {
      int row = i * d;
      double ui = c * u[i];
      double vi = w * v[i];
      for (int j = 0; j < d; j++) {
        aInv[row + j] -= ui * u[j];
        a[row + j] += vi * v[j];
      }
    }
    updates++;
    if (reinvertEvery > 0 && updates % reinvertEvery == 0) {
      reinvert();
    }
  }

  /**
   * A ← A − v vᵀ (a downdate, for sliding windows that forget an old observation), and A⁻¹ to
   * match: A⁻¹ ← A⁻¹ + (A⁻¹v)(vᵀA⁻¹)/(1 − vᵀA⁻¹v). Only valid for a v that was added before, so
   * that A stays positive definite; downdates lose more precision than updates, so they count
   * towards the re-inversion schedule too.
   *
   * @throws IllegalArgumentException if removing v would leave A singular or indefinite
   */
  public void remove(double[] v) {
    if (v.length != d) {
      throw new IllegalArgumentException("vector has length " + v.length + ", expected " + d);
    }
    double[] u = scratch;
    Dense.symmetricTimes(aInv, v, u, d);
    double quad = Dense.dot(v, u, d);
    if (!(quad < 1 - 1e-12)) {
      throw new IllegalArgumentException(
          "removing this vector leaves the design matrix singular (vᵀA⁻¹v = " + quad + ")");
    }
    double c = 1 / (1 - quad);
    for (int i = 0; i < d; i++) {
      int row = i * d;
      double ui = c * u[i];
      double vi = v[i];
      for (int j = 0; j < d; j++) {
        aInv[row + j] += ui * u[j];
        a[row + j] -= vi * v[j];
      }
    }
    updates++;
    if (reinvertEvery > 0 && updates % reinvertEvery == 0) {
      reinvert();
    }
  }

  /** xᵀA⁻¹x, the squared Mahalanobis norm that UCB bonuses take the root of. Thread-safe. */
  public double quadraticForm(double[] x) {
    return Dense.quadraticForm(aInv, x, new double[d], d);
  }

  /** xᵀA⁻¹x using the caller's {@code scratch} (length ≥ d), so hot loops do not allocate. */
  public double quadraticForm(double[] x, double[] scratch) {
    return Dense.quadraticForm(aInv, x, scratch, d);
  }

  /** out = A⁻¹x. */
  public void solve(double[] x, double[] out) {
    Dense.symmetricTimes(aInv, x, out, d);
  }

  /** Recomputes A⁻¹ from A by Cholesky, discarding accumulated rounding. */
  public void reinvert() {
    double[] inv;
    try {
      inv = Dense.choleskyInverse(a, d);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("design matrix is not positive definite", e);
    }
    System.arraycopy(inv, 0, aInv, 0, d * d);
  }

  /** A⁻¹, row-major; the caller must not modify it. */
  public double[] inverse() {
    return aInv;
  }

  /** A, row-major; the caller must not modify it. */
  public double[] matrix() {
    return a;
  }

  /** How many rank-1 updates were applied. */
  public long updates() {
    return updates;
  }

  public ShermanMorrison copy() {
    return new ShermanMorrison(this);
  }

  /**
   * Replaces the state with a saved A and A⁻¹ (row-major), bit for bit, so that a restored learner
   * continues exactly as the one that was saved.
   */
  public void load(double[] matrix, double[] inverse, long updateCount) {
    if (matrix.length != d * d || inverse.length != d * d) {
      throw new IllegalArgumentException(
          "saved state has "
              + matrix.length
              + " and "
              + inverse.length
              + " values, expected "
              + d * d);
    }
    System.arraycopy(matrix, 0, a, 0, d * d);
    System.arraycopy(inverse, 0, aInv, 0, d * d);
    updates = updateCount;
  }

  /** max |A·A⁻¹ − I|, for tests and drift monitoring. */
  public double inverseError() {
    DMatrixRMaj prod = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(DMatrixRMaj.wrap(d, d, a), DMatrixRMaj.wrap(d, d, aInv), prod);
    double worst = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        worst = Math.max(worst, Math.abs(prod.get(i, j) - (i == j ? 1 : 0)));
      }
    }
    return worst;
  }
}
