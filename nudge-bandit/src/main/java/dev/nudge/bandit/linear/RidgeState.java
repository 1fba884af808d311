package dev.nudge.bandit.linear;

import dev.nudge.math.Dense;
import dev.nudge.math.ShermanMorrison;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A ridge regression kept in closed form: A = λI + Σ x xᵀ (with A⁻¹ by Sherman–Morrison), b = Σ r x
 * and θ = A⁻¹b, recomputed after every change so that deciding only reads. Single-writer.
 */
final class RidgeState {
  /** Exact Cholesky re-inversion this often bounds Sherman–Morrison drift (see ShermanMorrison). */
  static final int REINVERT_EVERY = 1000;

  private final int d;
  private final ShermanMorrison design;
  private final double[] b;
  private final double[] theta;

  RidgeState(int d, double lambda) {
    this.d = d;
    this.design = new ShermanMorrison(d, lambda, REINVERT_EVERY);
    this.b = new double[d];
    this.theta = new double[d];
  }

  private RidgeState(RidgeState other) {
    this.d = other.d;
    this.design = other.design.copy();
    this.b = other.b.clone();
    this.theta = other.theta.clone();
  }

  void add(double[] x, double reward) {
    design.add(x, 1);
    for (int i = 0; i < d; i++) {
      b[i] += reward * x[i];
    }
    refresh();
  }

  /** Forgets an observation added before (sliding windows). */
  void remove(double[] x, double reward) {
    design.remove(x);
    for (int i = 0; i < d; i++) {
      b[i] -= reward * x[i];
    }
    refresh();
  }

  private void refresh() {
    design.solve(b, theta);
  }

  /** θ = A⁻¹b; callers must not modify it. */
  double[] theta() {
    return theta;
  }

  /** A⁻¹; callers must not modify it. */
  double[] inverse() {
    return design.inverse();
  }

  double[] b() {
    return b;
  }

  /** xᵀθ. */
  double mean(double[] x) {
    return Dense.dot(theta, x, d);
  }

  /** ‖x‖ in the A⁻¹ norm, √(xᵀA⁻¹x). */
  double width(double[] x, double[] scratch) {
    return Math.sqrt(Math.max(0, design.quadraticForm(x, scratch)));
  }

  RidgeState copy() {
    return new RidgeState(this);
  }

  void write(DataOutputStream out) throws IOException {
    writeArray(out, design.matrix());
    writeArray(out, design.inverse());
    out.writeLong(design.updates());
    writeArray(out, b);
  }

  void read(DataInputStream in) throws IOException {
    double[] a = readArray(in, d * d);
    double[] aInv = readArray(in, d * d);
    long updates = in.readLong();
    double[] bb = readArray(in, d);
    design.load(a, aInv, updates);
    System.arraycopy(bb, 0, b, 0, d);
    refresh();
  }

  static void writeArray(DataOutputStream out, double[] values) throws IOException {
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static double[] readArray(DataInputStream in, int n) throws IOException {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
