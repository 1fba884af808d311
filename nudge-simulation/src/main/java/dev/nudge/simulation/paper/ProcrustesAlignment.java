package dev.nudge.simulation.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Rotates a re-fitted encoding onto the one it replaces. Two fits of an encoder from different
 * seeds or data give embedding spaces that agree on the scores z_uᵀx_i but not on the axes: BPR's
 * factors, or a two-tower's outputs, come out rotated. A policy that learnt a head in the old space
 * (S-N-GALM's θ̂_x, S-N-GBLM's Θ̂) would read the new embeddings along the wrong axes. The
 * orthogonal R minimising ‖X_new R − X_old‖_F over the items (orthogonal Procrustes: R = U Vᵀ for
 * X_newᵀ X_old = U Σ Vᵀ) maps the new space onto the old one; applied to items and users alike it
 * leaves every score z_uᵀx_i of the new fit unchanged.
 */
final class ProcrustesAlignment {
  private ProcrustesAlignment() {}

  /** {@code next} rotated onto {@code previous}: items times R, the user tower's output times R. */
  static Encoding onto(Encoding next, Encoding previous) {
    double[] r = rotation(next.items(), previous.items());
    int d = next.itemDimension();
    float[][] items = new float[next.items().length][];
    for (int i = 0; i < items.length; i++) {
      items[i] = times(next.items()[i], r, d);
    }
    var user = next.user();
    return new Encoding(next.name(), items, history -> times(user.apply(history), r, d));
  }

  /**
   * The d×d orthogonal R (row-major) minimising ‖from·R − to‖_F; both n×d with the same d.
   *
   * @throws IllegalArgumentException when the shapes differ or the SVD fails
   */
  static double[] rotation(float[][] from, float[][] to) {
    if (from.length != to.length || from.length == 0) {
      throw new IllegalArgumentException(
          "alignment needs the same non-zero number of rows, got "
              + from.length
              + " and "
              + to.length);
    }
    int d = from[0].length;
    if (to[0].length != d) {
      throw new IllegalArgumentException(
          "alignment needs the same width, got " + d + " and " + to[0].length);
    }
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    for (int i = 0; i < from.length; i++) {
      float[] a = from[i];
      float[] b = to[i];
      for (int p = 0; p < d; p++) {
        for (int q = 0; q < d; q++) {
          m.add(p, q, (double) a[p] * b[q]);
        }
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(d, d, true, true, false);
    if (!svd.decompose(m)) {
      throw new IllegalArgumentException("the alignment's SVD did not converge");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    double[] r = new double[d * d];
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += u.get(p, k) * v.get(q, k);
        }
        r[p * d + q] = s;
      }
    }
    return r;
  }

  private static float[] times(float[] x, double[] r, int d) {
    float[] out = new float[d];
    for (int q = 0; q < d; q++) {
      double s = 0;
      for (int p = 0; p < d; p++) {
        s += x[p] * r[p * d + q];
      }
      out[q] = (float) s;
    }
    return out;
  }
}
