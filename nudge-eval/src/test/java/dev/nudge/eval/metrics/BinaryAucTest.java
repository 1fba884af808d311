package dev.nudge.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryAucTest {
  static double auc(double[] scores, int... labels) {
    return BinaryAuc.of(scores.length, k -> scores[k], k -> labels[k] == 1);
  }

  @Test
  void matchesHandComputedCases() {
    // Pairs (positive, negative): (0.35 vs 0.1 ✓, 0.35 vs 0.4 ✗, 0.8 vs both ✓) → 3/4.
    assertThat(auc(new double[] {0.1, 0.4, 0.35, 0.8}, 0, 0, 1, 1)).isCloseTo(0.75, within(1e-12));
    // A tie between a positive and a negative counts half.
    assertThat(auc(new double[] {0.5, 0.5}, 0, 1)).isCloseTo(0.5, within(1e-12));
    assertThat(auc(new double[] {0.1, 0.9}, 0, 1)).isEqualTo(1.0);
    assertThat(auc(new double[] {0.9, 0.1}, 0, 1)).isEqualTo(0.0);
  }

  @Test
  void isUndefinedWithoutBothClasses() {
    assertThat(auc(new double[] {0.5}, 1)).isNaN();
    assertThat(auc(new double[] {0.5, 0.7}, 0, 0)).isNaN();
  }
}
