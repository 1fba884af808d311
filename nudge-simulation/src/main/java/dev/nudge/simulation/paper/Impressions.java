package dev.nudge.simulation.paper;

import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Logged "impressions" built from explicit ratings as the paper does for MovieLens: every positive
 * (rating ≥ threshold, or label 1) becomes one impression of that item plus {@code negatives} items
 * the user never rated positively, drawn uniformly. Each sample carries the inverse-propensity
 * weight of the paper: p(u, i) = the share of u's impressions that contain i, weight ∝ 1/p,
 * normalised so that the weights of one impression average 1. Samples are stored column-wise, in
 * time order.
 */
public final class Impressions {
  final int[] user;
  final int[] item;
  final long[] time;
  final byte[] label;
  final float[] weight;
  final int[] impression;

  /** Per user, their positive items in time order (CSR over user keys). */
  final int[] historyOffsets;

  final int[] historyItems;
  final long[] historyTimes;
  final int items;

  private Impressions(
      int[] user,
      int[] item,
      long[] time,
      byte[] label,
      float[] weight,
      int[] impression,
      int[] historyOffsets,
      int[] historyItems,
      long[] historyTimes,
      int items) {
    this.user = user;
    this.item = item;
    this.time = time;
    this.label = label;
    this.weight = weight;
    this.impression = impression;
    this.historyOffsets = historyOffsets;
    this.historyItems = historyItems;
    this.historyTimes = historyTimes;
    this.items = items;
  }

  /** Builds the impressions of a data set; positives are rows with rating ≥ threshold. */
  public static Impressions build(Dataset data, float threshold, int negatives, long seed) {
    if (negatives < 1) {
      throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
    }
    InteractionLog log = data.interactions();
    int users = data.users().size();
    int items = data.items().size();
    int[] order = log.timeOrder();
    // Positives per user, in time order.
    int[] count = new int[users + 1];
    int positives = 0;
    for (int r : order) {
      if (log.isPositive(r, threshold)) {
        count[log.user(r) + 1]++;
        positives++;
      }
    }
    for (int u = 0; u < users; u++) {
      count[u + 1] += count[u];
    }
    int[] offsets = count.clone();
    int[] hItems = new int[positives];
    long[] hTimes = new long[positives];
    int[] fill = Arrays.copyOf(offsets, users);
    for (int r : order) {
      if (log.isPositive(r, threshold)) {
        int u = log.user(r);
        hItems[fill[u]] = log.item(r);
        hTimes[fill[u]] = log.time(r);
        fill[u]++;
      }
    }
    int width = negatives + 1;
    int n = positives * width;
    int[] user = new int[n];
    int[] item = new int[n];
    long[] time = new long[n];
    byte[] label = new byte[n];
    int[] impression = new int[n];
    RandomGenerator random = Seeds.random(seed, "impressions");
    int k = 0;
    int imp = 0;
    boolean[] positive = new boolean[items];
    for (int r : order) {
      if (!log.isPositive(r, threshold)) {
        continue;
      }
      int u = log.user(r);
      for (int h = offsets[u]; h < offsets[u + 1]; h++) {
        positive[hItems[h]] = true;
      }
      int userPositives = offsets[u + 1] - offsets[u];
      if (items - userPositives < negatives) {
        throw new IllegalArgumentException(
            "user " + data.users().ids().id(u) + " has too few non-positive items for negatives");
      }
      user[k] = u;
      item[k] = log.item(r);
      time[k] = log.time(r);
      label[k] = 1;
      impression[k++] = imp;
      for (int j = 0; j < negatives; j++) {
        int neg;
        do {
          neg = random.nextInt(items);
        } while (positive[neg]);
        user[k] = u;
        item[k] = neg;
        time[k] = log.time(r);
        impression[k++] = imp;
      }
      for (int h = offsets[u]; h < offsets[u + 1]; h++) {
        positive[hItems[h]] = false;
      }
      imp++;
    }
    float[] weight = propensityWeights(user, item, impression, users, width, offsets);
    return new Impressions(
        user, item, time, label, weight, impression, offsets, hItems, hTimes, items);
  }

  /**
   * w ∝ 1/p(u,i), p = (impressions of u containing i) / (impressions of u); mean 1 per impression.
   */
  private static float[] propensityWeights(
      int[] user, int[] item, int[] impression, int users, int width, int[] userImpressions) {
    int n = user.length;
    // Group samples by user (counting sort), then count items per user in one reusable array.
    int[] start = new int[users + 1];
    for (int u : user) {
      start[u + 1]++;
    }
    for (int u = 0; u < users; u++) {
      start[u + 1] += start[u];
    }
    int[] byUser = new int[n];
    int[] fill = Arrays.copyOf(start, users);
    for (int k = 0; k < n; k++) {
      byUser[fill[user[k]]++] = k;
    }
    int maxItem = 0;
    for (int i : item) {
      maxItem = Math.max(maxItem, i);
    }
    int[] count = new int[maxItem + 1];
    float[] inverse = new float[n];
    for (int u = 0; u < users; u++) {
      for (int s = start[u]; s < start[u + 1]; s++) {
        count[item[byUser[s]]]++;
      }
      double impressionsOfUser = userImpressions[u + 1] - userImpressions[u];
      for (int s = start[u]; s < start[u + 1]; s++) {
        int k = byUser[s];
        inverse[k] = (float) (impressionsOfUser / count[item[k]]);
      }
      for (int s = start[u]; s < start[u + 1]; s++) {
        count[item[byUser[s]]] = 0;
      }
    }
    float[] weight = new float[n];
    for (int first = 0; first < n; first += width) {
      double total = 0;
      for (int k = first; k < first + width; k++) {
        total += inverse[k];
      }
      for (int k = first; k < first + width; k++) {
        weight[k] = (float) (inverse[k] * width / total);
      }
    }
    return weight;
  }

  public int size() {
    return user.length;
  }

  /** Number of impressions (each of negatives + 1 samples). */
  public int impressions() {
    return impression.length == 0 ? 0 : impression[impression.length - 1] + 1;
  }

  /**
   * The user's positive items strictly before {@code before} (epoch seconds), newest last, at most
   * {@code limit} of them.
   */
  public int[] history(int u, long before, int limit) {
    int from = historyOffsets[u];
    int to = from;
    while (to < historyOffsets[u + 1] && historyTimes[to] < before) {
      to++;
    }
    return Arrays.copyOfRange(historyItems, Math.max(from, to - limit), to);
  }

  /** Index of the first sample at or after {@code quantile} of the impressions (time-ordered). */
  public int cut(double quantile) {
    int impressions = impressions();
    int target = (int) Math.round(quantile * impressions);
    int width = impressions == 0 ? 1 : size() / impressions;
    return Math.min(size(), target * width);
  }
}
