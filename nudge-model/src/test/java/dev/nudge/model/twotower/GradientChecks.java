package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Helpers of the loss tests that compare DJL's gradients with a direct computation. */
final class GradientChecks {
  private GradientChecks() {}

  /** A b x o array of {@code rows} that records its gradient. */
  static NDArray leaf(NDManager m, float[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
    }
    NDArray a = m.create(flat, new Shape(rows.length, rows[0].length));
    a.setRequiresGradient(true);
    return a;
  }

  /** {@code actual} (row-major) equals {@code expected} within 1e-6, entry by entry. */
  static void assertClose(float[] actual, double[][] expected) {
    int o = expected[0].length;
    for (int r = 0; r < expected.length; r++) {
      for (int x = 0; x < o; x++) {
        assertThat((double) actual[r * o + x])
            .as("[%d][%d]", r, x)
            .isCloseTo(expected[r][x], within(1e-6));
      }
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int x = 0; x < a.length; x++) {
      s += a[x] * b[x];
    }
    return s;
  }
}
