package dev.nudge.model.mmoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MmoeModelTest {
  static final int N = 1200;
  static float[][] x;
  static float[][] y;
  static MmoeModel model;

  /** Task "a" fires when x0 > 0, task "b" when x1 + x2 > 0: related inputs, different labels. */
  static void data(long seed, int n, float[][] xs, float[][] ys) {
    RandomGenerator rnd = Seeds.random(seed, "mmoe-test");
    for (int r = 0; r < n; r++) {
      xs[r] = new float[6];
      for (int d = 0; d < 6; d++) {
        xs[r][d] = (float) rnd.nextGaussian();
      }
      ys[r] = new float[] {xs[r][0] > 0 ? 1 : 0, xs[r][1] + xs[r][2] > 0 ? 1 : 0};
    }
  }

  @BeforeAll
  static void train() {
    x = new float[N][];
    y = new float[N][];
    data(1, N, x, y);
    model = MmoeModel.train(List.of("a", "b"), x, y, config(), Progress.silent());
  }

  static MmoeConfig config() {
    return new MmoeConfig(3, 16, 8, 15, 64, 0.01f, 42);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** AUC by direct pair counting (closed form for small n). */
  static double auc(float[][] p, float[][] labels, int task) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (labels[i][task] == 1 && labels[j][task] == 0) {
          pairs++;
          wins += p[i][task] > p[j][task] ? 1 : p[i][task] == p[j][task] ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }

  @Test
  void learnsBothTasksOnHeldOutRows() {
    float[][] xt = new float[400][];
    float[][] yt = new float[400][];
    data(2, 400, xt, yt);
    float[][] p = model.predict(xt);
    assertThat(auc(p, yt, 0)).isGreaterThan(0.95);
    assertThat(auc(p, yt, 1)).isGreaterThan(0.95);
    for (float[] row : p) {
      assertThat(row).hasSize(2);
      assertThat(row[0]).isBetween(0f, 1f);
    }
  }

  @Test
  void aSingleTaskModelTrainsAfterAnotherModelPredicted() {
    // The benchmark's order: a two-task model trains and predicts, then one model per task.
    model.predict(new float[][] {x[0]});
    float[][] ya = new float[N][];
    for (int r = 0; r < N; r++) {
      ya[r] = new float[] {y[r][0]};
    }
    float[][] xt = new float[400][];
    float[][] yt = new float[400][];
    data(2, 400, xt, yt);
    try (MmoeModel one = MmoeModel.train(List.of("a"), x, ya, config(), Progress.silent())) {
      float[][] p = one.predict(xt);
      assertThat(p[0]).hasSize(1);
      assertThat(one.tasks()).containsExactly("a");
      assertThat(auc(p, yt, 0)).isGreaterThan(0.95);
    }
  }

  @Test
  void gatesAreSoftmaxDistributions() {
    float[][][] g = model.gates(new float[][] {x[0], x[1], x[2]});
    assertThat(g).hasNumberOfRows(2);
    for (float[][] task : g) {
      for (float[] row : task) {
        assertThat(row).hasSize(3);
        float sum = 0;
        for (float w : row) {
          assertThat(w).isBetween(0f, 1f);
          sum += w;
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
      }
    }
  }

  @Test
  void sameSeedSamePredictions() {
    float[][] xs = new float[200][];
    float[][] ys = new float[200][];
    data(3, 200, xs, ys);
    MmoeConfig small = config().withEpochs(2);
    try (MmoeModel a = MmoeModel.train(List.of("a", "b"), xs, ys, small, Progress.silent());
        MmoeModel b = MmoeModel.train(List.of("a", "b"), xs, ys, small, Progress.silent())) {
      float[][] pa = a.predict(xs);
      float[][] pb = b.predict(xs);
      for (int r = 0; r < pa.length; r++) {
        assertThat(pa[r][0]).isCloseTo(pb[r][0], within(1e-6f));
        assertThat(pa[r][1]).isCloseTo(pb[r][1], within(1e-6f));
      }
    }
  }

  @Test
  void rejectsBadInput() {
    float[][] xs = {{1, 2}, {3, 4}};
    MmoeConfig c = config();
    assertThatThrownBy(
            () -> MmoeModel.train(List.of("a"), xs, new float[][] {{1}}, c, Progress.silent()))
        .hasMessageContaining("y has 1 rows, x has 2");
    assertThatThrownBy(
            () -> MmoeModel.train(List.of("a"), xs, new float[][] {{1}, {2}}, c, Progress.silent()))
        .hasMessageContaining("y[1][0] must be a label in [0, 1], got 2.0");
    assertThatThrownBy(
            () ->
                MmoeModel.train(
                    List.of("a"),
                    new float[][] {{1, 2}, {3}},
                    new float[][] {{1}, {0}},
                    c,
                    Progress.silent()))
        .hasMessageContaining("x row 1 has 1 features, expected 2");
    assertThatThrownBy(() -> model.predict(new float[][] {{Float.NaN, 0, 0, 0, 0, 0}}))
        .hasMessageContaining("x[0][0] is NaN");
    assertThatThrownBy(() -> new MmoeConfig(0, 1, 1, 1, 1, 0.1f, 1))
        .hasMessageContaining("experts");
    assertThatThrownBy(() -> new MmoeConfig(1, 1, 1, 1, 1, 0f, 1))
        .hasMessageContaining("learningRate");
  }
}
