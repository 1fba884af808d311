package dev.nudge.eval.metrics;

/**
 * Beyond-accuracy metrics of a set of top-K lists: how much of the catalogue they show, how evenly,
 * and how far from the popular head.
 */
public final class ExposureMetrics {

  private ExposureMetrics() {}

  /** Share of the catalogue that appears in at least one list: unique items / catalogue size. */
  public static double coverage(long[] exposure) {
    int shown = 0;
    for (long e : exposure) {
      if (e > 0) {
        shown++;
      }
    }
    return exposure.length == 0 ? 0 : (double) shown / exposure.length;
  }

  /**
   * Gini coefficient of the exposure counts over the whole catalogue: 0 when every item is shown
   * equally often, (n-1)/n when one item takes all exposure. Items never shown count as zeros.
   */
  public static double gini(long[] exposure) {
    int n = exposure.length;
    long[] sorted = exposure.clone();
    java.util.Arrays.sort(sorted);
    double total = 0;
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      total += sorted[i];
      weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
    }
    return total == 0 ? 0 : weighted / (n * total);
  }

  /**
   * Self-information of an item under training popularity: {@code -log2 p(i)} with {@code p(i) =
   * (count(i) + 1) / (total + items)}, add-one smoothed so unseen items stay finite.
   */
  public static double selfInformation(long count, long total, int items) {
    return -Math.log((count + 1.0) / (total + (double) items)) / Math.log(2);
  }

  /**
   * Marks the long tail: the {@code fraction} of items with the fewest training interactions (ties
   * broken by item key), as the bottom 20% is used for long-tail hit rate.
   */
  public static boolean[] tail(long[] popularity, double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
    }
    int n = popularity.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            popularity[a] != popularity[b] ? Long.compare(popularity[a], popularity[b]) : a - b);
    boolean[] tail = new boolean[n];
    int size = (int) Math.round(fraction * n);
    for (int k = 0; k < size; k++) {
      tail[order[k]] = true;
    }
    return tail;
  }
}
