package dev.nudge.ranking.rerank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, 1998): picks slots greedily by {@code lambda
 * * relevance - (1 - lambda) * max similarity to the items already picked}, relevance min-max
 * scaled to [0, 1] over the candidates so that lambda means the same for any score scale. Lambda 1
 * is plain relevance order. Candidates whose group has reached the {@link ExposureCap} are passed
 * over and reported.
 *
 * @param lambda the relevance weight, in [0, 1]
 * @param similarity item similarity in [0, 1]
 * @param cap the per-slate exposure cap
 */
public record MmrSelector(double lambda, ItemSimilarity similarity, ExposureCap cap) {

  public MmrSelector {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
    Objects.requireNonNull(similarity, "similarity");
    Objects.requireNonNull(cap, "cap");
  }

  /**
   * The outcome.
   *
   * @param chosen indices into the candidate arrays, in slate order
   * @param chosenScores the MMR score each was picked with
   * @param passedOver candidate index to the reason it was left out
   */
  public record Selection(int[] chosen, double[] chosenScores, Map<Integer, String> passedOver) {}

  /**
   * Selects up to {@code k} of the candidates.
   *
   * @param items candidate item keys
   * @param relevance their relevance (the value model's output)
   * @param k slots to fill
   * @param alreadyPlaced items already on the slate (exploration picks): they count for similarity
   *     and for the exposure cap
   * @param slateSize the full slate size the cap's share refers to
   */
  public Selection select(
      int[] items, double[] relevance, int k, int[] alreadyPlaced, int slateSize) {
    int n = items.length;
    if (relevance.length != n) {
      throw new IllegalArgumentException(n + " items but " + relevance.length + " scores");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double r : relevance) {
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    double span = max > min ? max - min : 1;
    List<Integer> placed = new ArrayList<>();
    Map<Integer, Integer> perGroup = new HashMap<>();
    for (int item : alreadyPlaced) {
      placed.add(item);
      perGroup.merge(cap.group(item), 1, Integer::sum);
    }
    int limit = cap.limit(slateSize);
    double[] maxSim = new double[n];
    for (int c = 0; c < n; c++) {
      for (int p : placed) {
        maxSim[c] = Math.max(maxSim[c], similarity.similarity(items[c], p));
      }
    }
    boolean[] used = new boolean[n];
    Map<Integer, String> passed = new LinkedHashMap<>();
    int[] chosen = new int[Math.min(k, n)];
    double[] scores = new double[chosen.length];
    int count = 0;
    while (count < chosen.length) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < n; c++) {
        if (used[c]) {
          continue;
        }
        int g = cap.group(items[c]);
        if (g >= 0 && perGroup.getOrDefault(g, 0) >= limit) {
          used[c] = true;
          passed.put(c, "exposure cap: group " + g + " already has " + limit + " slots");
          continue;
        }
        double s = lambda * (relevance[c] - min) / span - (1 - lambda) * maxSim[c];
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (best < 0) {
        break;
      }
      used[best] = true;
      chosen[count] = best;
      scores[count++] = bestScore;
      perGroup.merge(cap.group(items[best]), 1, Integer::sum);
      for (int c = 0; c < n; c++) {
        if (!used[c]) {
          maxSim[c] = Math.max(maxSim[c], similarity.similarity(items[c], items[best]));
        }
      }
    }
    for (int c = 0; c < n; c++) {
      if (!used[c]) {
        passed.put(c, "below the slate cut after diversity re-ranking");
      }
    }
    return new Selection(
        java.util.Arrays.copyOf(chosen, count), java.util.Arrays.copyOf(scores, count), passed);
  }
}
