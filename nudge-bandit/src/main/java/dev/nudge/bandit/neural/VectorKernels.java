package dev.nudge.bandit.neural;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of {@link ScoringKernels}. Loaded only when the incubator module is present.
 *
 * <p>The quadratic forms compute y = Σ_a x_a·M[a,:] with several independent accumulators (a
 * broadcast FMA per loaded vector, so one load feeds one FMA) and then xᵀy; this keeps the loop
 * bound by the two load ports rather than by FMA latency.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();

  private VectorKernels() {}

  static float dot(float[] a, float[] b, int n) {
    FloatVector acc = FloatVector.zero(F);
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += FL) {
      acc = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static float quadraticForm(float[] m, int mOff, float[] x, int d) {
    float total = 0;
    int j0 = 0;
    // Eight vectors of y at a time (a whole 64-float row on AVX2): one broadcast per row feeds
    // eight loads and eight FMAs, and the eight accumulators hide the FMA latency.
    for (; j0 + 8 * FL <= d; j0 += 8 * FL) {
      FloatVector y0 = FloatVector.zero(F);
      FloatVector y1 = FloatVector.zero(F);
      FloatVector y2 = FloatVector.zero(F);
      FloatVector y3 = FloatVector.zero(F);
      FloatVector y4 = FloatVector.zero(F);
      FloatVector y5 = FloatVector.zero(F);
      FloatVector y6 = FloatVector.zero(F);
      FloatVector y7 = FloatVector.zero(F);
      for (int a = 0, row = mOff + j0; a < d; a++, row += d) {
        FloatVector xa = FloatVector.broadcast(F, x[a]);
        y0 = FloatVector.fromArray(F, m, row).fma(xa, y0);
        y1 = FloatVector.fromArray(F, m, row + FL).fma(xa, y1);
        y2 = FloatVector.fromArray(F, m, row + 2 * FL).fma(xa, y2);
        y3 = FloatVector.fromArray(F, m, row + 3 * FL).fma(xa, y3);
        y4 = FloatVector.fromArray(F, m, row + 4 * FL).fma(xa, y4);
        y5 = FloatVector.fromArray(F, m, row + 5 * FL).fma(xa, y5);
        y6 = FloatVector.fromArray(F, m, row + 6 * FL).fma(xa, y6);
        y7 = FloatVector.fromArray(F, m, row + 7 * FL).fma(xa, y7);
      }
      FloatVector t = y0.mul(FloatVector.fromArray(F, x, j0));
      t = y1.fma(FloatVector.fromArray(F, x, j0 + FL), t);
      t = y2.fma(FloatVector.fromArray(F, x, j0 + 2 * FL), t);
      t = y3.fma(FloatVector.fromArray(F, x, j0 + 3 * FL), t);
      t = y4.fma(FloatVector.fromArray(F, x, j0 + 4 * FL), t);
      t = y5.fma(FloatVector.fromArray(F, x, j0 + 5 * FL), t);
      t = y6.fma(FloatVector.fromArray(F, x, j0 + 6 * FL), t);
      t = y7.fma(FloatVector.fromArray(F, x, j0 + 7 * FL), t);
      total += t.reduceLanes(VectorOperators.ADD);
    }
    // Four vectors of y at a time: 4·FL columns per sweep over the rows.
    for (; j0 + 4 * FL <= d; j0 += 4 * FL) {
      FloatVector y0 = FloatVector.zero(F);
      FloatVector y1 = FloatVector.zero(F);
      FloatVector y2 = FloatVector.zero(F);
      FloatVector y3 = FloatVector.zero(F);
      for (int a = 0, row = mOff + j0; a < d; a++, row += d) {
        FloatVector xa = FloatVector.broadcast(F, x[a]);
        y0 = FloatVector.fromArray(F, m, row).fma(xa, y0);
        y1 = FloatVector.fromArray(F, m, row + FL).fma(xa, y1);
        y2 = FloatVector.fromArray(F, m, row + 2 * FL).fma(xa, y2);
        y3 = FloatVector.fromArray(F, m, row + 3 * FL).fma(xa, y3);
      }
      FloatVector t = y0.mul(FloatVector.fromArray(F, x, j0));
      t = y1.fma(FloatVector.fromArray(F, x, j0 + FL), t);
      t = y2.fma(FloatVector.fromArray(F, x, j0 + 2 * FL), t);
      t = y3.fma(FloatVector.fromArray(F, x, j0 + 3 * FL), t);
      total += t.reduceLanes(VectorOperators.ADD);
    }
    for (; j0 + FL <= d; j0 += FL) {
      FloatVector y0 = FloatVector.zero(F);
      for (int a = 0, row = mOff + j0; a < d; a++, row += d) {
        y0 = FloatVector.fromArray(F, m, row).fma(FloatVector.broadcast(F, x[a]), y0);
      }
      total += y0.mul(FloatVector.fromArray(F, x, j0)).reduceLanes(VectorOperators.ADD);
    }
    for (; j0 < d; j0++) {
      float s = 0;
      for (int a = 0; a < d; a++) {
        s += x[a] * m[mOff + a * d + j0];
      }
      total += s * x[j0];
    }
    return total;
  }

  static double quadraticForm(double[] b, int bOff, double[] z, int d) {
    double total = 0;
    int j0 = 0;
    for (; j0 + 4 * DL <= d; j0 += 4 * DL) {
      DoubleVector y0 = DoubleVector.zero(D);
      DoubleVector y1 = DoubleVector.zero(D);
      DoubleVector y2 = DoubleVector.zero(D);
      DoubleVector y3 = DoubleVector.zero(D);
      for (int a = 0, row = bOff + j0; a < d; a++, row += d) {
        DoubleVector za = DoubleVector.broadcast(D, z[a]);
        y0 = DoubleVector.fromArray(D, b, row).fma(za, y0);
        y1 = DoubleVector.fromArray(D, b, row + DL).fma(za, y1);
        y2 = DoubleVector.fromArray(D, b, row + 2 * DL).fma(za, y2);
        y3 = DoubleVector.fromArray(D, b, row + 3 * DL).fma(za, y3);
      }
      DoubleVector t = y0.mul(DoubleVector.fromArray(D, z, j0));
      t = y1.fma(DoubleVector.fromArray(D, z, j0 + DL), t);
      t = y2.fma(DoubleVector.fromArray(D, z, j0 + 2 * DL), t);
      t = y3.fma(DoubleVector.fromArray(D, z, j0 + 3 * DL), t);
      total += t.reduceLanes(VectorOperators.ADD);
    }
    for (; j0 + DL <= d; j0 += DL) {
      DoubleVector y0 = DoubleVector.zero(D);
      for (int a = 0, row = bOff + j0; a < d; a++, row += d) {
        y0 = DoubleVector.fromArray(D, b, row).fma(DoubleVector.broadcast(D, z[a]), y0);
      }
      total += y0.mul(DoubleVector.fromArray(D, z, j0)).reduceLanes(VectorOperators.ADD);
    }
    for (; j0 < d; j0++) {
      double s = 0;
      for (int a = 0; a < d; a++) {
        s += z[a] * b[bOff + a * d + j0];
      }
      total += s * z[j0];
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
    int upper = D.loopBound(d);
    for (int r = 0; r < d; r++) {
      int row = bOff + r * d;
      DoubleVector zr = DoubleVector.broadcast(D, beta * z[r]);
      DoubleVector acc = DoubleVector.zero(D);
      int j = 0;
      for (; j < upper; j += DL) {
        DoubleVector v = DoubleVector.fromArray(D, b, row + j);
        acc = v.fma(DoubleVector.fromArray(D, z, j), acc);
        v.fma(zr, DoubleVector.fromArray(D, btz, btzOff + j)).intoArray(btz, btzOff + j);
      }
      double s = acc.reduceLanes(VectorOperators.ADD);
      double zrs = beta * z[r];
      for (; j < d; j++) {
        double v = b[row + j];
        s += v * z[j];
        btz[btzOff + j] += zrs * v;
      }
      bz[bzOff + r] += alpha * s;
    }
  }

  static void rankOneUpdate(
      double[] b, int bOff, double alpha, double[] u, int uOff, double[] w, int wOff, int d) {
    int upper = D.loopBound(d);
    for (int r = 0; r < d; r++) {
      int row = bOff + r * d;
      double ur = -alpha * u[uOff + r];
      DoubleVector urv = DoubleVector.broadcast(D, ur);
      int j = 0;
      for (; j < upper; j += DL) {
        DoubleVector.fromArray(D, w, wOff + j)
            .fma(urv, DoubleVector.fromArray(D, b, row + j))
            .intoArray(b, row + j);
      }
      for (; j < d; j++) {
        b[row + j] += ur * w[wOff + j];
      }
    }
  }
}
