package dev.nudge.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DenseTest {
  private static double[] spd(RandomGenerator random, int d) {
    double[] g = new double[d * d];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextGaussian();
    }
    double[] s = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double acc = i == j ? d : 0;
        for (int k = 0; k < d; k++) {
          acc += g[i * d + k] * g[j * d + k];
        }
        s[i * d + j] = acc;
      }
    }
    return s;
  }

  @Test
  void kernelsMatchNaiveLoops() {
    RandomGenerator random = Seeds.random(11);
    int d = 13;
    double[] s = spd(random, d);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = random.nextGaussian();
    }
    double quad = 0;
    double[] sx = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        sx[i] += s[i * d + j] * x[j];
      }
      quad += x[i] * sx[i];
    }
    double[] out = new double[d];
    Dense.symmetricTimes(s, x, out, d);
    assertThat(Direct.maxAbsDiff(out, sx)).isLessThan(1e-10);
    assertThat(Dense.quadraticForm(s, x, new double[d], d)).isCloseTo(quad, within(1e-9));
    double dot = 0;
    for (int i = 0; i < d; i++) {
      dot += x[i] * sx[i];
    }
    assertThat(Dense.dot(x, sx, d)).isCloseTo(dot, within(1e-9));
    double[] padded = new double[d + 3];
    System.arraycopy(x, 0, padded, 3, d);
    assertThat(Dense.dotAt(padded, 3, sx, d)).isCloseTo(dot, within(1e-9));
  }

  @Test
  void choleskyFactorsAndInverts() {
    RandomGenerator random = Seeds.random(12);
    int d = 9;
    double[] s = spd(random, d);
    double[] lower = Dense.choleskyLower(s, d);
    double[] product = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        assertThat(j > i ? lower[i * d + j] : 0.0).isZero();
        for (int k = 0; k < d; k++) {
          product[i * d + j] += lower[i * d + k] * lower[j * d + k];
        }
      }
    }
    assertThat(Direct.maxAbsDiff(product, s)).isLessThan(1e-9);
    assertThat(Direct.maxAbsDiff(Dense.choleskyInverse(s, d), Direct.inverse(s, d)))
        .isLessThan(1e-12);
    double[] b = new double[d];
    b[2] = 1;
    double[] x = new double[d];
    assertThat(Dense.choleskySolve(s, b, x, d)).isTrue();
    assertThat(Direct.maxAbsDiff(x, Direct.solve(s, b, d))).isLessThan(1e-12);
  }

  @Test
  void rejectsIndefiniteMatrices() {
    double[] indefinite = {1, 2, 2, 1};
    assertThatThrownBy(() -> Dense.choleskyInverse(indefinite, 2))
        .hasMessageContaining("not positive definite");
    assertThatThrownBy(() -> Dense.choleskyLower(indefinite, 2))
        .hasMessageContaining("not positive definite");
    assertThat(Dense.choleskySolve(indefinite, new double[2], new double[2], 2)).isFalse();
  }
}
