package dev.nudge.ranking.rerank;

/**
 * Exposure fairness within a slate: no group (topic, provider) may take more than {@code maxShare}
 * of its slots, so a dominant group cannot crowd the others out of view. Items without a group (-1)
 * are never capped.
 *
 * @param groupOfItem each item's group key, or -1
 * @param maxShare the largest fraction of a slate one group may fill, in (0, 1]
 */
public record ExposureCap(int[] groupOfItem, double maxShare) {
  public ExposureCap {
    groupOfItem = groupOfItem.clone();
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("maxShare must be in (0, 1], got " + maxShare);
    }
  }

  /** No cap at all. */
  public static ExposureCap none(int items) {
    int[] groups = new int[items];
    java.util.Arrays.fill(groups, -1);
    return new ExposureCap(groups, 1);
  }

  /** How many slots of a slate of {@code size} one group may fill (at least 1). */
  public int limit(int size) {
    return Math.max(1, (int) Math.floor(maxShare * size));
  }

  public int group(int item) {
    return item < groupOfItem.length ? groupOfItem[item] : -1;
  }
}
