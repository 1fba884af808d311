package dev.nudge.bandit.glm;

import dev.nudge.math.LogisticNewton;
import dev.nudge.math.ShermanMorrison;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One user's logistic model: the items shown (rows of D_u) with their rewards, M_u = λI + D_uᵀD_u
 * by Sherman–Morrison, and θ̂_u refit by Newton after every observation, warm-started from the last
 * fit. With a window only the last W observations are kept (a ring buffer). Single-writer.
 */
final class UserGlm {
  static final int MAX_NEWTON_STEPS = 25;
  static final double NEWTON_TOLERANCE = 1e-6;

  private final int d;
  private final double lambda;
  private final int window;
  private final ShermanMorrison design;
  private double[] rows;
  private double[] labels;
  private int count;
  private long seen;
  private double[] theta;

  UserGlm(int d, double lambda, int window) {
    this.d = d;
    this.lambda = lambda;
    this.window = window;
    this.design = new ShermanMorrison(d, lambda, 1000);
    int cap = window > 0 ? window : 8;
    this.rows = new double[cap * d];
    this.labels = new double[cap];
    this.theta = new double[d];
  }

  private UserGlm(UserGlm other) {
    this.d = other.d;
    this.lambda = other.lambda;
    this.window = other.window;
    this.design = other.design.copy();
    this.rows = other.rows.clone();
    this.labels = other.labels.clone();
    this.count = other.count;
    this.seen = other.seen;
    this.theta = other.theta.clone();
  }

  void add(double[] x, double label) {
    int slot;
    if (window > 0) {
      slot = (int) (seen % window);
      if (seen >= window) {
        design.remove(Arrays.copyOfRange(rows, slot * d, slot * d + d));
      } else {
        count++;
      }
    } else {
      if (count == labels.length) {
        rows = Arrays.copyOf(rows, rows.length * 2);
        labels = Arrays.copyOf(labels, labels.length * 2);
      }
      slot = count++;
    }
    System.arraycopy(x, 0, rows, slot * d, d);
    labels[slot] = label;
    seen++;
    design.add(x, 1);
    theta =
        LogisticNewton.fit(
                rows, labels, count, d, lambda, theta, MAX_NEWTON_STEPS, NEWTON_TOLERANCE)
            .theta();
  }

  double[] theta() {
    return theta;
  }

  double quadraticForm(double[] x, double[] scratch) {
    return design.quadraticForm(x, scratch);
  }

  /** The observations kept, row-major (first {@code count()} rows); for tests. */
  double[] rows() {
    return Arrays.copyOf(rows, count * d);
  }

  double[] labels() {
    return Arrays.copyOf(labels, count);
  }

  int count() {
    return count;
  }

  UserGlm copy() {
    return new UserGlm(this);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(count);
    out.writeLong(seen);
    out.writeInt(labels.length);
    for (double v : rows) {
      out.writeDouble(v);
    }
    for (double v : labels) {
      out.writeDouble(v);
    }
    for (double v : theta) {
      out.writeDouble(v);
    }
    for (double v : design.matrix()) {
      out.writeDouble(v);
    }
    for (double v : design.inverse()) {
      out.writeDouble(v);
    }
    out.writeLong(design.updates());
  }

  void read(DataInputStream in) throws IOException {
    int c = in.readInt();
    long s = in.readLong();
    int cap = in.readInt();
    if (c < 0 || s < c || cap < c || cap > 1 << 24 || (window > 0 && cap != window)) {
      throw new IOException("corrupt user GLM state: count " + c + ", capacity " + cap);
    }
    double[] r = readArray(in, cap * d);
    double[] l = readArray(in, cap);
    double[] t = readArray(in, d);
    double[] a = readArray(in, d * d);
    double[] aInv = readArray(in, d * d);
    design.load(a, aInv, in.readLong());
    count = c;
    seen = s;
    rows = r;
    labels = l;
    theta = t;
  }

  private static double[] readArray(DataInputStream in, int n) throws IOException {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
