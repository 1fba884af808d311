package dev.nudge.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExposureMetricsTest {

  @Test
  void coverageCountsItemsShownAtLeastOnce() {
    assertThat(ExposureMetrics.coverage(new long[] {0, 1, 2, 0})).isEqualTo(0.5);
  }

  @Test
  void giniIsZeroForEqualExposureAndMaximalForOneItem() {
    assertThat(ExposureMetrics.gini(new long[] {3, 3, 3, 3})).isZero();
    assertThat(ExposureMetrics.gini(new long[] {0, 0, 0, 4})).isCloseTo(0.75, within(1e-12));
    // Mean absolute difference over twice the mean: (2 * |1 - 3|) / (2 * 2^2 * 2) = 0.25.
    assertThat(ExposureMetrics.gini(new long[] {3, 1})).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void selfInformationIsSmoothedMinusLog2Popularity() {
    // p = (1 + 1) / (6 + 2) = 1/4.
    assertThat(ExposureMetrics.selfInformation(1, 6, 2)).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void tailIsTheLeastPopularShareWithTiesByKey() {
    boolean[] tail = ExposureMetrics.tail(new long[] {5, 1, 3, 1, 9}, 0.4);
    assertThat(tail).containsExactly(false, true, false, true, false);
    assertThatThrownBy(() -> ExposureMetrics.tail(new long[] {1}, 1.5))
        .hasMessageContaining("fraction");
  }
}
