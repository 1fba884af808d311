package dev.nudge.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Summary statistics of a data set, as {@code nudge data info} prints them: sizes, density, time
 * span, the distribution of values and how concentrated interactions are on popular items.
 *
 * @param name the data set's name
 * @param users users in the user table
 * @param items items in the catalogue
 * @param interactions rows of the log
 * @param pairs distinct (user, item) pairs in the log
 * @param density {@code pairs / (users * items)}: the filled share of the user-item matrix
 * @param firstTime earliest interaction, epoch seconds (0 for an empty log)
 * @param lastTime latest interaction, epoch seconds (0 for an empty log)
 * @param kind what the values are: ratings or labels
 * @param histogram how many rows have each distinct value, by increasing value
 * @param gini Gini coefficient of the interaction counts of all catalogue items (items never
 *     interacted with count as 0): 0 when every item is equally popular, towards 1 when a few items
 *     take everything
 * @param topics size of the catalogue's topic vocabulary
 */
public record DatasetStats(
    String name,
    int users,
    int items,
    int interactions,
    long pairs,
    double density,
    long firstTime,
    long lastTime,
    InteractionLog.ValueKind kind,
    List<Bin> histogram,
    double gini,
    int topics) {

  /**
   * Rows with one value.
   *
   * @param value the rating or label
   * @param count how many rows have it
   */
  public record Bin(float value, long count) {
    public Bin {
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0, was " + count);
      }
    }
  }

  public DatasetStats {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    histogram = List.copyOf(Objects.requireNonNull(histogram, "histogram"));
    requireNonNegative("users", users);
    requireNonNegative("items", items);
    requireNonNegative("interactions", interactions);
    requireNonNegative("pairs", pairs);
    requireNonNegative("topics", topics);
    if (!(density >= 0 && density <= 1)) {
      throw new IllegalArgumentException("density must be in [0, 1], was " + density);
    }
    if (!(gini >= 0 && gini <= 1)) {
      throw new IllegalArgumentException("gini must be in [0, 1], was " + gini);
    }
    if (lastTime < firstTime) {
      throw new IllegalArgumentException(
          "lastTime must be >= firstTime, was " + lastTime + " < " + firstTime);
    }
  }

  /** Computes the statistics of {@code data}. */
  public static DatasetStats of(Dataset data) {
    InteractionLog log = data.interactions();
    int n = log.size();
    int items = data.items().size();
    int users = data.users().size();
    long[] perItem = new long[items];
    long[] cells = new long[n];
    float[] values = new float[n];
    for (int r = 0; r < n; r++) {
      perItem[log.item(r)]++;
      cells[r] = (long) log.user(r) * items + log.item(r);
      values[r] = log.value(r);
    }
    long pairs = countDistinct(cells);
    double cellsTotal = (double) users * items;
    return new DatasetStats(
        data.name(),
        users,
        items,
        n,
        pairs,
        cellsTotal == 0 ? 0 : pairs / cellsTotal,
        log.firstTime(),
        log.lastTime(),
        log.kind(),
        histogram(values),
        gini(perItem),
        data.items().topicCount());
  }

  /**
   * The Gini coefficient of non-negative counts, by the standard formula over counts sorted
   * ascending, {@code G = sum_i (2i - n - 1) x_i / (n * sum_i x_i)} with i = 1..n; equivalently the
   * mean absolute difference of all pairs divided by twice the mean. [1,1,1,1] gives 0 and
   * [0,0,0,4] gives 0.75 (the maximum for n = 4 is (n-1)/n). 0 when there are no counts or they sum
   * to 0.
   */
  public static double gini(long[] counts) {
    long[] x = counts.clone();
    Arrays.sort(x);
    int n = x.length;
    if (n > 0 && x[0] < 0) {
      throw new IllegalArgumentException("counts must be >= 0, found " + x[0]);
    }
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      sum += x[i];
      weighted += (2.0 * (i + 1) - n - 1) * x[i];
    }
    return sum == 0 ? 0 : weighted / (n * sum);
  }

  /** The mean number of interactions per user (0 without users). */
  public double interactionsPerUser() {
    return users == 0 ? 0 : (double) interactions / users;
  }

  /** Sorts {@code v} in place. */
  private static List<Bin> histogram(float[] v) {
    Arrays.sort(v);
    List<Bin> bins = new ArrayList<>();
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j < v.length && Float.compare(v[j], v[i]) == 0) {
        j++;
      }
      bins.add(new Bin(v[i], j - i));
      i = j;
    }
    return bins;
  }

  /** Sorts {@code c} in place. */
  private static long countDistinct(long[] c) {
    Arrays.sort(c);
    long distinct = 0;
    for (int i = 0; i < c.length; i++) {
      if (i == 0 || c[i] != c[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
  }
}
