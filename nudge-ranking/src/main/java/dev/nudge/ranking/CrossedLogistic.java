package dev.nudge.ranking;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;

/**
 * Logistic regression on a dense row plus every product of a user-block entry with an item-block
 * entry (the crossed features: occupation × genre, age × genre), trained by AdaGrad SGD with L2.
 * Crossed weights are stored as a user×item matrix and only non-zero pairs are visited, so a row
 * with a handful of active one-hots costs a handful of products. Pure Java, the ranking baseline.
 */
public final class CrossedLogistic {
  private final int userDim;
  private final int itemDim;
  private final double[] w;
  private final double[] cross;
  private double bias;

  private CrossedLogistic(int dim, int userDim, int itemDim) {
    this.userDim = userDim;
    this.itemDim = itemDim;
    this.w = new double[dim];
    this.cross = new double[userDim * itemDim];
  }

  /**
   * Trains on rows {@code x} (user block first, item block next) and 0/1 labels {@code y}.
   *
   * @param epochs passes over the data, >= 1
   * @param learningRate AdaGrad's base rate, > 0
   * @param l2 the L2 penalty per update, >= 0
   */
  public static CrossedLogistic train(
      float[][] x,
      float[] y,
      int userDim,
      int itemDim,
      int epochs,
      double learningRate,
      double l2,
      long seed) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException(
          "need as many labels as rows (at least one), got " + x.length + " and " + y.length);
    }
    int dim = x[0].length;
    if (userDim + itemDim > dim) {
      throw new IllegalArgumentException(
          "user and item blocks (" + userDim + " + " + itemDim + ") exceed the row width " + dim);
    }
    if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0)) {
      throw new IllegalArgumentException(
          "need epochs >= 1, learningRate > 0, l2 >= 0; got "
              + epochs
              + ", "
              + learningRate
              + ", "
              + l2);
    }
    CrossedLogistic m = new CrossedLogistic(dim, userDim, itemDim);
    double[] gw = new double[dim];
    double[] gc = new double[m.cross.length];
    double[] gb = {0};
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] ua = new int[userDim];
    int[] ia = new int[itemDim];
    for (int epoch = 0; epoch < epochs; epoch++) {
      RandomGenerator rnd = Seeds.random(seed, "logistic.epoch." + epoch);
      for (int i = order.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int r : order) {
        float[] row = x[r];
        if (row.length != dim) {
          throw new IllegalArgumentException(
              "row " + r + " has " + row.length + " features, expected " + dim);
        }
        int nu = active(row, 0, userDim, ua);
        int ni = active(row, userDim, itemDim, ia);
        double g = m.probability(row, ua, nu, ia, ni) - y[r];
        gb[0] += g * g;
        m.bias -= learningRate * g / Math.sqrt(gb[0] + 1e-8);
        for (int d = 0; d < dim; d++) {
          if (row[d] != 0) {
            double gd = g * row[d] + l2 * m.w[d];
            gw[d] += gd * gd;
            m.w[d] -= learningRate * gd / Math.sqrt(gw[d] + 1e-8);
          }
        }
        for (int a = 0; a < nu; a++) {
          for (int b = 0; b < ni; b++) {
            int k = ua[a] * itemDim + ia[b];
            double gd = g * row[ua[a]] * row[userDim + ia[b]] + l2 * m.cross[k];
            gc[k] += gd * gd;
            m.cross[k] -= learningRate * gd / Math.sqrt(gc[k] + 1e-8);
          }
        }
      }
    }
    return m;
  }

  /** The predicted probability of a row. */
  public double predict(float[] row) {
    if (row.length != w.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " features, expected " + w.length);
    }
    int[] ua = new int[userDim];
    int[] ia = new int[itemDim];
    return probability(row, ua, active(row, 0, userDim, ua), ia, active(row, userDim, itemDim, ia));
  }

  private double probability(float[] row, int[] ua, int nu, int[] ia, int ni) {
    double z = bias;
    for (int d = 0; d < w.length; d++) {
      z += w[d] * row[d];
    }
    for (int a = 0; a < nu; a++) {
      for (int b = 0; b < ni; b++) {
        z += cross[ua[a] * itemDim + ia[b]] * row[ua[a]] * row[userDim + ia[b]];
      }
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** Offsets (relative to {@code from}) of the non-zero entries of row[from, from+len). */
  private static int active(float[] row, int from, int len, int[] out) {
    int n = 0;
    for (int k = 0; k < len; k++) {
      if (row[from + k] != 0) {
        out[n++] = k;
      }
    }
    return n;
  }
}
