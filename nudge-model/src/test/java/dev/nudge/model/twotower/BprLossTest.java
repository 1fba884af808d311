package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** {@link TwoTowerTrainer#bprLoss} and its gradient against a direct computation. */
class BprLossTest {
  // b = 2 users, k = 2 negatives each, o = 3 dimensions.
  private static final float[][] U = {{0.5f, -1f, 0.2f}, {1.5f, 0.3f, -0.7f}};
  private static final float[][] P = {{0.1f, 0.4f, -0.3f}, {-0.2f, 0.9f, 0.5f}};
  private static final float[][] N = {
    {0.3f, -0.6f, 0.8f}, {-1f, 0.2f, 0.1f}, {0.7f, 0.7f, -0.4f}, {0.05f, -0.3f, 0.6f}
  };
  private static final float INV_TEMP = 2f;

  @Test
  void lossAndGradientsMatchTheDirectComputation() {
    check(false);
  }

  @Test
  void hardNegativeAddsThePairWithTheBestOtherInBatchItem() {
    check(true);
  }

  private static void check(boolean hard) {
    int b = 2;
    int k = 2;
    int o = 3;
    // Direct: loss = mean over pairs (u, i, j) of softplus(t (u.j - u.i)); d/dx = sigmoid * t * ...
    double[][] gu = new double[b][o];
    double[][] gp = new double[b][o];
    double[][] gn = new double[b * k][o];
    double loss = 0;
    int pairs = b * k + (hard ? b : 0);
    for (int c = 0; c < b; c++) {
      for (int j = 0; j < k; j++) {
        double d =
            INV_TEMP * (GradientChecks.dot(U[c], N[c * k + j]) - GradientChecks.dot(U[c], P[c]));
        loss += Math.log1p(Math.exp(d));
        double w = sigmoid(d) * INV_TEMP / pairs;
        for (int x = 0; x < o; x++) {
          gu[c][x] += w * (N[c * k + j][x] - P[c][x]);
          gp[c][x] -= w * U[c][x];
          gn[c * k + j][x] += w * U[c][x];
        }
      }
      if (hard) {
        // Two rows holding different items: each row's only other in-batch item is the other's.
        int h = 1 - c;
        double d = INV_TEMP * (GradientChecks.dot(U[c], P[h]) - GradientChecks.dot(U[c], P[c]));
        loss += Math.log1p(Math.exp(d));
        double w = sigmoid(d) * INV_TEMP / pairs;
        for (int x = 0; x < o; x++) {
          gu[c][x] += w * (P[h][x] - P[c][x]);
          gp[c][x] -= w * U[c][x];
          gp[h][x] += w * U[c][x];
        }
      }
    }
    loss /= pairs;
    try (NDManager m = NDManager.newBaseManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray u = GradientChecks.leaf(m, U);
      NDArray p = GradientChecks.leaf(m, P);
      NDArray n = GradientChecks.leaf(m, N);
      // Rows holding items 10 and 11: only the diagonal is masked.
      float[] same = hard ? TwoTowerTrainer.sameItemMask(new int[] {10, 11}, true) : null;
      NDArray l = TwoTowerTrainer.bprLoss(m, u, p, n, m.create(INV_TEMP), same);
      collector.backward(l);
      assertThat((double) l.getFloat()).isCloseTo(loss, within(1e-6));
      GradientChecks.assertClose(u.getGradient().toFloatArray(), gu);
      GradientChecks.assertClose(p.getGradient().toFloatArray(), gp);
      GradientChecks.assertClose(n.getGradient().toFloatArray(), gn);
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
