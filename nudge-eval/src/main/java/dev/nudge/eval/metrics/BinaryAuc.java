package dev.nudge.eval.metrics;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * ROC AUC of a binary classifier (Mann–Whitney): the probability that a random positive scores
 * above a random negative, ties counting half. For ranking lists per user, see {@link
 * PositiveRanks#auc()}.
 */
public final class BinaryAuc {
  private BinaryAuc() {}

  /**
   * The AUC of {@code n} examples, or NaN when all are positive or all negative.
   *
   * @param score the classifier's score of example k
   * @param positive whether example k is a positive
   */
  public static double of(int n, IntToDoubleFunction score, IntPredicate positive) {
    double[] s = new double[n];
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      s[k] = score.applyAsDouble(k);
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && s[order[j + 1]] == s[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive.test(order[k])) {
          rankSum += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
  }
}
