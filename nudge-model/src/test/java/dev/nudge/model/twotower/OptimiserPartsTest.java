package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OptimiserPartsTest {

  @Test
  void adamFirstStepMovesByTheLearningRateAgainstTheGradientSign() {
    // After one step m = 0.1 g, v = 0.001 g^2; bias-corrected m/sqrt(v) = sign(g).
    AdamOptimizer adam = new AdamOptimizer(0.01, 0);
    float[] p = {1f, 1f, 1f};
    AdamOptimizer.Moments s = new AdamOptimizer.Moments(3);
    adam.beginStep();
    adam.dense(p, new float[] {4f, -0.5f, 0f}, s);
    assertThat(p[0]).isCloseTo(0.99f, within(1e-6f));
    assertThat(p[1]).isCloseTo(1.01f, within(1e-6f));
    assertThat(p[2]).isEqualTo(1f);
  }

  @Test
  void rowStepTouchesOnlyItsRow() {
    AdamOptimizer adam = new AdamOptimizer(0.1, 0);
    float[] table = {1f, 1f, 2f, 2f, 3f, 3f};
    AdamOptimizer.Moments s = new AdamOptimizer.Moments(6);
    adam.beginStep();
    adam.row(table, new float[] {1f, -1f}, s, 2, 0, 2);
    assertThat(table).containsExactly(new float[] {1f, 1f, 1.9f, 2.1f, 3f, 3f}, within(1e-6f));
    assertThat(s.m[0]).isZero();
    assertThat(s.m[2]).isCloseTo(0.1f, within(1e-7f));
  }

  @Test
  void l2PullsTouchedRowsTowardZeroButNotDenseParameters() {
    // A zero gradient plus l2 * w: the first step moves each weight by lr toward zero, and the
    // first moment holds 0.1 * l2 * w.
    AdamOptimizer adam = new AdamOptimizer(0.1, 0.5);
    float[] table = {2f, -3f, 5f, 5f};
    AdamOptimizer.Moments s = new AdamOptimizer.Moments(4);
    adam.beginStep();
    adam.row(table, new float[] {0f, 0f}, s, 0, 0, 2);
    assertThat(table).containsExactly(new float[] {1.9f, -2.9f, 5f, 5f}, within(1e-6f));
    assertThat(s.m[0]).isCloseTo(0.1f, within(1e-7f));
    assertThat(s.m[1]).isCloseTo(-0.15f, within(1e-7f));
    float[] dense = {2f, -3f};
    adam.dense(dense, new float[] {0f, 0f}, new AdamOptimizer.Moments(2));
    assertThat(dense).containsExactly(2f, -3f);
  }

  @Test
  void frequencyEstimatorConvergesToOneOverTheGap() {
    FrequencyEstimator f = new FrequencyEstimator(2, 0.1, 100);
    for (long step = 0; step < 2000; step++) {
      if (step % 4 == 0) {
        f.observe(0, step);
      }
      f.observe(1, step);
    }
    assertThat(f.probability(0)).isCloseTo(0.25, within(1e-3));
    assertThat(f.probability(1)).isCloseTo(1.0, within(1e-3));
  }

  @Test
  void dropoutMaskKeepsTheExpectedShareScaled() {
    float[] mask = TwoTowerTrainer.dropoutMask(dev.nudge.core.Seeds.random(1), 20000, 0.25);
    double kept = 0;
    for (float v : mask) {
      assertThat(v).isIn(0f, 1f / 0.75f);
      kept += v == 0 ? 0 : 1;
    }
    assertThat(kept / mask.length).isCloseTo(0.75, within(0.02));
  }

  @Test
  void weightDecayShrinksTouchedRowsAndWeightMatricesOutsideAdamsScaling() {
    // lr 0.1, decay 0.5: each decayed value is first multiplied by 1 - 0.05; a zero gradient then
    // moves nothing (m = v = 0), so the decay alone is visible, whatever the value's size.
    AdamOptimizer adam = new AdamOptimizer(0.1, 0, 0.5);
    float[] table = {2f, -4f, 100f, 8f};
    AdamOptimizer.Moments t = new AdamOptimizer.Moments(4);
    float[] matrix = {1f, -2f};
    float[] bias = {1f, -2f};
    AdamOptimizer.Moments m = new AdamOptimizer.Moments(2);
    AdamOptimizer.Moments b = new AdamOptimizer.Moments(2);
    adam.beginStep();
    adam.row(table, new float[] {0f, 0f}, t, 2, 0, 2);
    adam.denseDecayed(matrix, new float[] {0f, 0f}, m);
    adam.dense(bias, new float[] {0f, 0f}, b);
    assertThat(table).containsExactly(new float[] {2f, -4f, 95f, 7.6f}, within(1e-5f));
    assertThat(matrix).containsExactly(new float[] {0.95f, -1.9f}, within(1e-6f));
    assertThat(bias).containsExactly(1f, -2f);
    // With a gradient: the decayed value then takes Adam's first step, lr against the sign.
    float[] row = {1f};
    adam.row(row, new float[] {3f}, new AdamOptimizer.Moments(1), 0, 0, 1);
    assertThat(row[0]).isCloseTo(0.95f - 0.1f, within(1e-5f));
  }
}
