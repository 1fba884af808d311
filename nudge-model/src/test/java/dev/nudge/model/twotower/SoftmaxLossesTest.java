package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** {@link SoftmaxLosses} and their gradients against a direct computation. */
class SoftmaxLossesTest {
  // b = 2 users, o = 3 dimensions.
  private static final float[][] U = {{0.5f, -1f, 0.2f}, {1.5f, 0.3f, -0.7f}};
  private static final float[][] P = {{0.1f, 0.4f, -0.3f}, {-0.2f, 0.9f, 0.5f}};
  // k = 2 sampled negatives per user, or a catalogue of 4 items.
  private static final float[][] N = {
    {0.3f, -0.6f, 0.8f}, {-1f, 0.2f, 0.1f}, {0.7f, 0.7f, -0.4f}, {0.05f, -0.3f, 0.6f}
  };
  private static final float INV_TEMP = 2f;

  @Test
  void sampledSoftmaxAndItsGradientsMatchTheDirectComputation() {
    checkSampled(null);
  }

  @Test
  void aMaskedNegativeIsNeitherCountedNorPushedDown() {
    // User 1's first negative (row 2 of N) is its own positive: masked.
    float[] mask = SoftmaxLosses.repeatedPositiveMask(new int[] {10, 11}, new int[] {3, 4, 11, 5});
    assertThat(mask).containsExactly(0f, 0f, SoftmaxLosses.MASKED, 0f);
    assertThat(SoftmaxLosses.repeatedPositiveMask(new int[] {10, 11}, new int[] {3, 4, 12, 5}))
        .isNull();
    checkSampled(mask);
  }

  /** Direct: loss_c = logsumexp(t s_pos, t s_neg...) - t s_pos over the unmasked; mean over c. */
  private static void checkSampled(float[] mask) {
    int b = 2;
    int k = 2;
    int o = 3;
    double[][] gu = new double[b][o];
    double[][] gp = new double[b][o];
    double[][] gn = new double[b * k][o];
    double loss = 0;
    for (int c = 0; c < b; c++) {
      double pos = INV_TEMP * GradientChecks.dot(U[c], P[c]);
      double[] neg = new double[k];
      double z = Math.exp(pos);
      for (int j = 0; j < k; j++) {
        boolean masked = mask != null && mask[c * k + j] != 0;
        neg[j] =
            masked ? Double.NEGATIVE_INFINITY : INV_TEMP * GradientChecks.dot(U[c], N[c * k + j]);
        z += Math.exp(neg[j]);
      }
      loss += Math.log(z) - pos;
      // d loss_c / d pos = p_pos - 1, d / d neg_j = p_j (softmax probabilities), times t / b.
      double wPos = (Math.exp(pos) / z - 1) * INV_TEMP / b;
      for (int x = 0; x < o; x++) {
        gu[c][x] += wPos * P[c][x];
        gp[c][x] += wPos * U[c][x];
      }
      for (int j = 0; j < k; j++) {
        double w = Math.exp(neg[j]) / z * INV_TEMP / b;
        for (int x = 0; x < o; x++) {
          gu[c][x] += w * N[c * k + j][x];
          gn[c * k + j][x] += w * U[c][x];
        }
      }
    }
    loss /= b;
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray u = GradientChecks.leaf(m, U);
      NDArray p = GradientChecks.leaf(m, P);
      NDArray n = GradientChecks.leaf(m, N);
      NDArray l = SoftmaxLosses.sampledSoftmax(m, u, p, n, m.create(INV_TEMP), mask);
      collector.backward(l);
      assertThat((double) l.getFloat()).isCloseTo(loss, within(1e-6));
      GradientChecks.assertClose(u.getGradient().toFloatArray(), gu);
      GradientChecks.assertClose(p.getGradient().toFloatArray(), gp);
      float[] negGrad = n.getGradient().toFloatArray();
      GradientChecks.assertClose(negGrad, gn);
      if (mask != null) {
        for (int x = 0; x < o; x++) {
          assertThat(negGrad[2 * o + x]).isZero();
        }
      }
    }
  }

  @Test
  void catalogueRowsMaskTheUsersOtherPositivesOnly() {
    // User 0 has seen items 0 and 2, user 1 items 1, 2 and 3; catalogue of 4 items.
    SeenItems seen = SeenItems.of(2, new int[] {0, 1, 0, 1, 1, 1}, new int[] {2, 3, 0, 1, 2, 3});
    SoftmaxLosses.CatalogueRows rows =
        SoftmaxLosses.catalogueRows(new int[] {0, 1, 0}, new int[] {0, 3, 2}, seen, 4);
    float x = SoftmaxLosses.MASKED;
    assertThat(rows.mask()).containsExactly(0, 0, x, 0, 0, x, x, 0, x, 0, 0, 0);
    assertThat(rows.target()).containsExactly(1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0);
  }

  @Test
  void catalogueSoftmaxAndItsGradientsMatchTheDirectComputation() {
    // Catalogue = N (4 items). User 0's positive is item 1 and it has also seen item 3 (masked);
    // user 1's positive is item 0, nothing else seen.
    int b = 2;
    int n = 4;
    int o = 3;
    int[] positive = {1, 0};
    SeenItems seen = SeenItems.of(2, new int[] {0, 0, 1}, new int[] {1, 3, 0});
    SoftmaxLosses.CatalogueRows rows =
        SoftmaxLosses.catalogueRows(new int[] {0, 1}, positive, seen, n);
    double[][] gu = new double[b][o];
    double[][] gi = new double[n][o];
    double loss = 0;
    for (int c = 0; c < b; c++) {
      double[] s = new double[n];
      double z = 0;
      for (int i = 0; i < n; i++) {
        boolean masked = c == 0 && i == 3;
        s[i] = masked ? Double.NEGATIVE_INFINITY : INV_TEMP * GradientChecks.dot(U[c], N[i]);
        z += Math.exp(s[i]);
      }
      loss += Math.log(z) - s[positive[c]];
      for (int i = 0; i < n; i++) {
        double w = (Math.exp(s[i]) / z - (i == positive[c] ? 1 : 0)) * INV_TEMP / b;
        for (int x = 0; x < o; x++) {
          gu[c][x] += w * N[i][x];
          gi[i][x] += w * U[c][x];
        }
      }
    }
    loss /= b;
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray u = GradientChecks.leaf(m, U);
      NDArray items = GradientChecks.leaf(m, N);
      NDArray l = SoftmaxLosses.catalogueSoftmax(m, u, items, m.create(INV_TEMP), rows);
      collector.backward(l);
      assertThat((double) l.getFloat()).isCloseTo(loss, within(1e-6));
      GradientChecks.assertClose(u.getGradient().toFloatArray(), gu);
      float[] itemGrad = items.getGradient().toFloatArray();
      // The direct computation leaves item 3 out of user 0's softmax: so must the loss.
      GradientChecks.assertClose(itemGrad, gi);
    }
  }
}
