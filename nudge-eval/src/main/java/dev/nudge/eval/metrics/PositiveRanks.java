package dev.nudge.eval.metrics;

import java.util.Arrays;

/**
 * Where the positives of one ranked list landed, and the per-list metrics that follow from it.
 *
 * <p>Ranks are 0-based positions in the list of all candidates (positives and negatives) sorted by
 * score. A positive tied with negatives is placed below them (pessimistic), so a constant scorer
 * does not look perfect; AUC counts such ties as half a correctly ordered pair.
 *
 * @param ranks the positives' 0-based ranks, ascending, distinct
 * @param negatives how many negatives the list holds
 * @param orderedPairs correctly ordered (positive, negative) pairs, ties counted as one half
 */
public record PositiveRanks(int[] ranks, int negatives, double orderedPairs) {

  public PositiveRanks {
    if (ranks == null || ranks.length == 0) {
      throw new IllegalArgumentException("ranks must hold at least one positive");
    }
    ranks = ranks.clone();
    Arrays.sort(ranks);
    for (int j = 0; j < ranks.length; j++) {
      if (ranks[j] < j || (j > 0 && ranks[j] == ranks[j - 1])) {
        throw new IllegalArgumentException(
            "ranks must be distinct and non-negative, got " + Arrays.toString(ranks));
      }
    }
    if (negatives < 0) {
      throw new IllegalArgumentException("negatives must be >= 0, got " + negatives);
    }
    double max = (double) ranks.length * negatives;
    if (orderedPairs < 0 || orderedPairs > max) {
      throw new IllegalArgumentException(
          "orderedPairs must be in [0, " + max + "], got " + orderedPairs);
    }
  }

  /**
   * Ranks the positives among candidates from their scores.
   *
   * @param positiveScores scores of the positives
   * @param negativeScores scores of the negatives
   */
  public static PositiveRanks of(float[] positiveScores, float[] negativeScores) {
    int[] ranks = ranksInInputOrder(positiveScores, negativeScores);
    double ordered = 0;
    for (float s : positiveScores) {
      int above = 0;
      int tied = 0;
      for (float n : negativeScores) {
        if (n > s) {
          above++;
        } else if (n == s) {
          tied++;
        }
      }
      ordered += (negativeScores.length - above - tied) + 0.5 * tied;
    }
    return new PositiveRanks(ranks, negativeScores.length, ordered);
  }

  /** Each positive's 0-based rank among all candidates, in the order the positives were given. */
  static int[] ranksInInputOrder(float[] positiveScores, float[] negativeScores) {
    int p = positiveScores.length;
    int[] ranks = new int[p];
    for (int a = 0; a < p; a++) {
      float s = positiveScores[a];
      int above = 0;
      int tied = 0;
      for (float n : negativeScores) {
        if (n > s) {
          above++;
        } else if (n == s) {
          tied++;
        }
      }
      int positivesAbove = 0;
      for (int b = 0; b < p; b++) {
        float t = positiveScores[b];
        // Positives tied with each other keep their input order, so ranks stay distinct.
        if (t > s || (t == s && b < a)) {
          positivesAbove++;
        }
      }
      ranks[a] = above + tied + positivesAbove;
    }
    return ranks;
  }

  /** How many positives the list holds. */
  public int positives() {
    return ranks.length;
  }

  /** How many positives rank in the top {@code k}. */
  public int hits(int k) {
    int h = 0;
    for (int r : ranks) {
      if (r < k) {
        h++;
      }
    }
    return h;
  }

  /** 1 when any positive ranks in the top {@code k}, else 0. */
  public double hitRate(int k) {
    return ranks[0] < k ? 1 : 0;
  }

  /** Share of the positives found in the top {@code k}. */
  public double recall(int k) {
    return (double) hits(k) / ranks.length;
  }

  /** Share of the top {@code k} slots holding a positive. */
  public double precision(int k) {
    return (double) hits(k) / k;
  }

  /** DCG of the top {@code k} with binary gains, over the DCG of the ideal order. */
  public double ndcg(int k) {
    double dcg = 0;
    for (int r : ranks) {
      if (r < k) {
        dcg += 1.0 / log2(r + 2);
      }
    }
    double ideal = 0;
    for (int j = 0; j < Math.min(k, ranks.length); j++) {
      ideal += 1.0 / log2(j + 2);
    }
    return dcg / ideal;
  }

  /** Reciprocal of the 1-based rank of the first positive, over the whole list. */
  public double reciprocalRank() {
    return 1.0 / (ranks[0] + 1);
  }

  /**
   * Average precision truncated at {@code k}: the mean, over positives in the top {@code k}, of the
   * precision at their rank, divided by {@code min(k, positives)}.
   */
  public double averagePrecision(int k) {
    double sum = 0;
    for (int j = 0; j < ranks.length && ranks[j] < k; j++) {
      sum += (j + 1.0) / (ranks[j] + 1);
    }
    return sum / Math.min(k, ranks.length);
  }

  /** Share of (positive, negative) pairs ordered correctly; 1 when there are no negatives. */
  public double auc() {
    return negatives == 0 ? 1 : orderedPairs / ((double) ranks.length * negatives);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PositiveRanks other
        && Arrays.equals(ranks, other.ranks)
        && negatives == other.negatives
        && Double.compare(orderedPairs, other.orderedPairs) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ranks) + negatives) + Double.hashCode(orderedPairs);
  }

  @Override
  public String toString() {
    return "PositiveRanks[ranks="
        + Arrays.toString(ranks)
        + ", negatives="
        + negatives
        + ", orderedPairs="
        + orderedPairs
        + "]";
  }
}
