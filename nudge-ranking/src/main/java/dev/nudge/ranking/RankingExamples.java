package dev.nudge.ranking;

import dev.nudge.candidates.InteractionGraph;
import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Labelled rows for the rankers, with two tasks: {@code click} (the user interacted with the item)
 * and {@code like} (the interaction was a rating at or above the threshold, or a label of 1). Every
 * logged interaction is a click; for each, {@code negatives} items the user never touched in {@code
 * known} are sampled (uniformly, seeded) as non-clicks, which are also non-likes.
 *
 * @param x feature rows
 * @param y labels {@code [row][task]} in the order of {@link #TASKS}
 * @param users each row's user key
 * @param items each row's item key
 */
public record RankingExamples(float[][] x, float[][] y, int[] users, int[] items) {

  /** The task names, in label-column order. */
  public static final List<String> TASKS = List.of("click", "like");

  public RankingExamples {
    if (x.length != y.length || x.length != users.length || x.length != items.length) {
      throw new IllegalArgumentException(
          "x, y, users and items must have the same length, got "
              + x.length
              + ", "
              + y.length
              + ", "
              + users.length
              + ", "
              + items.length);
    }
  }

  public int size() {
    return x.length;
  }

  /** One task's labels as a column. */
  public float[] labels(int task) {
    float[] out = new float[y.length];
    for (int r = 0; r < y.length; r++) {
      out[r] = y[r][task];
    }
    return out;
  }

  /**
   * @param log the interactions to label
   * @param known interactions that must not be sampled as negatives (train and this log)
   * @param features the feature rows
   * @param negatives sampled non-clicks per interaction, >= 0
   * @param likeThreshold the rating at or above which an interaction is a like
   * @param seed the sampling seed
   */
  public static RankingExamples of(
      InteractionLog log,
      InteractionGraph known,
      UserItemFeatures features,
      int negatives,
      float likeThreshold,
      long seed) {
    if (negatives < 0) {
      throw new IllegalArgumentException("negatives must be >= 0, got " + negatives);
    }
    int items = features.items();
    int n = log.size() * (1 + negatives);
    float[][] x = new float[n][];
    float[][] y = new float[n][];
    int[] us = new int[n];
    int[] is = new int[n];
    RandomGenerator rnd = Seeds.random(seed, "ranking.negatives");
    boolean[] seen = new boolean[items];
    int at = 0;
    for (int r = 0; r < log.size(); r++) {
      int u = log.user(r);
      int i = log.item(r);
      x[at] = features.row(u, i);
      y[at] = new float[] {1, log.isPositive(r, likeThreshold) ? 1 : 0};
      us[at] = u;
      is[at++] = i;
      int[] history = known.history(u);
      for (int h : history) {
        seen[h] = true;
      }
      seen[i] = true;
      for (int k = 0; k < negatives; k++) {
        int j = rnd.nextInt(items);
        for (int tries = 0; seen[j] && tries < 100; tries++) {
          j = rnd.nextInt(items);
        }
        x[at] = features.row(u, j);
        y[at] = new float[] {0, 0};
        us[at] = u;
        is[at++] = j;
      }
      for (int h : history) {
        seen[h] = false;
      }
      seen[i] = false;
    }
    return new RankingExamples(x, y, us, is);
  }
}
