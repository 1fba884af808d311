package dev.nudge.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LogisticNewtonTest {
  private static final int N = 400;
  private static final int D = 5;

  /** A plain, undamped Newton iteration written here, independent of the solver under test. */
  private static double[] directNewton(double[] x, double[] y, int n, int d, double lambda) {
    double[] theta = new double[d];
    for (int it = 0; it < 50; it++) {
      double[] g = new double[d];
      double[] h = new double[d * d];
      for (int j = 0; j < d; j++) {
        g[j] = lambda * theta[j];
        h[j * d + j] = lambda;
      }
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j < d; j++) {
          z += x[i * d + j] * theta[j];
        }
        double p = 1 / (1 + Math.exp(-z));
        for (int a = 0; a < d; a++) {
          g[a] += (p - y[i]) * x[i * d + a];
          for (int b = 0; b < d; b++) {
            h[a * d + b] += p * (1 - p) * x[i * d + a] * x[i * d + b];
          }
        }
      }
      double[] step = Direct.solve(h, g, d);
      for (int j = 0; j < d; j++) {
        theta[j] -= step[j];
      }
    }
    return theta;
  }

  private static double[][] data(long seed, boolean separable) {
    RandomGenerator random = Seeds.random(seed);
    double[] truth = {1.5, -2.0, 0.5, 0.0, 1.0};
    double[] x = new double[N * D];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double z = 0;
      for (int j = 0; j < D; j++) {
        x[i * D + j] = j == D - 1 ? 1 : random.nextGaussian();
        z += x[i * D + j] * truth[j];
      }
      y[i] = separable ? (z > 0 ? 1 : 0) : (random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    }
    return new double[][] {x, y};
  }

  @Test
  void matchesADirectNewtonSolve() {
    double[][] xy = data(21, false);
    LogisticNewton.Fit fit = LogisticNewton.fit(xy[0], xy[1], N, D, 1.0, null, 50, 1e-12);
    double[] expected = directNewton(xy[0], xy[1], N, D, 1.0);
    assertThat(fit.converged()).isTrue();
    assertThat(Direct.maxAbsDiff(fit.theta(), expected)).isLessThan(1e-8);
    assertThat(fit.gradientNorm()).isLessThan(1e-8);
    // The estimate recovers the generating signs on 400 points.
    assertThat(fit.theta()[0]).isPositive();
    assertThat(fit.theta()[1]).isNegative();
  }

  @Test
  void warmStartReachesTheSameOptimumInFewerSteps() {
    double[][] xy = data(22, false);
    LogisticNewton.Fit cold = LogisticNewton.fit(xy[0], xy[1], N, D, 1.0, null, 50, 1e-10);
    LogisticNewton.Fit warm = LogisticNewton.fit(xy[0], xy[1], N, D, 1.0, cold.theta(), 50, 1e-10);
    assertThat(warm.iterations()).isLessThan(cold.iterations());
    assertThat(Direct.maxAbsDiff(warm.theta(), cold.theta())).isLessThan(1e-9);
  }

  @Test
  void ridgeKeepsSeparableDataFinite() {
    double[][] xy = data(23, true);
    LogisticNewton.Fit fit = LogisticNewton.fit(xy[0], xy[1], N, D, 1.0, null, 100, 1e-10);
    for (double t : fit.theta()) {
      assertThat(t).isFinite();
    }
    assertThat(Direct.maxAbsDiff(fit.theta(), directNewton(xy[0], xy[1], N, D, 1.0)))
        .isLessThan(1e-6);
  }

  @Test
  void noDataGivesZero() {
    LogisticNewton.Fit fit =
        LogisticNewton.fit(new double[0], new double[0], 0, 3, 1, null, 5, 1e-9);
    assertThat(fit.theta()).containsExactly(0, 0, 0);
  }

  @Test
  void sigmoidIsStableAndSymmetric() {
    assertThat(LogisticNewton.sigmoid(0)).isEqualTo(0.5);
    assertThat(LogisticNewton.sigmoid(800)).isEqualTo(1.0);
    assertThat(LogisticNewton.sigmoid(-800)).isEqualTo(0.0);
    assertThat(LogisticNewton.sigmoid(2) + LogisticNewton.sigmoid(-2)).isCloseTo(1, within(1e-15));
  }

  @Test
  void rejectsBadInput() {
    double[] x = {1, 2};
    assertThatThrownBy(() -> LogisticNewton.fit(x, new double[] {1.5}, 1, 2, 1, null, 5, 1e-9))
        .hasMessageContaining("labels[0]");
    assertThatThrownBy(() -> LogisticNewton.fit(x, new double[] {1}, 1, 2, 0, null, 5, 1e-9))
        .hasMessageContaining("lambda");
    assertThatThrownBy(() -> LogisticNewton.fit(x, new double[] {1}, 2, 2, 1, null, 5, 1e-9))
        .hasMessageContaining("rows");
    assertThatThrownBy(
            () -> LogisticNewton.fit(x, new double[] {1}, 1, 2, 1, new double[3], 5, 1e-9))
        .hasMessageContaining("start");
    assertThatThrownBy(() -> LogisticNewton.fit(x, new double[] {1}, 1, 2, 1, null, 0, 1e-9))
        .hasMessageContaining("maxIterations");
  }
}
