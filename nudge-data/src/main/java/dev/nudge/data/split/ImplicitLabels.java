package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;

/**
 * Reads an interaction log as implicit feedback: a row is a positive when its label is 1 (LABEL
 * logs) or its rating is at least {@code threshold} (RATING logs). The usual reading of MovieLens
 * is "4 and 5 stars are positives", hence the default.
 */
public record ImplicitLabels(float threshold) {
  /** The threshold where none is configured: ratings of 4 or more are positives. */
  public static final float DEFAULT_THRESHOLD = 4f;

  /** Ratings {@code >= 4} are positives. */
  public static final ImplicitLabels DEFAULT = new ImplicitLabels(DEFAULT_THRESHOLD);

  public ImplicitLabels {
    if (!Float.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
    }
  }

  public boolean isPositive(InteractionLog log, int row) {
    return log.isPositive(row, threshold);
  }

  /** The positive rows of {@code log}, in increasing order. */
  public int[] positiveRows(InteractionLog log) {
    int n = log.size();
    int count = countPositives(log);
    int[] rows = new int[count];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (log.isPositive(r, threshold)) {
        rows[k++] = r;
      }
    }
    return rows;
  }

  public int countPositives(InteractionLog log) {
    int count = 0;
    for (int r = 0; r < log.size(); r++) {
      if (log.isPositive(r, threshold)) {
        count++;
      }
    }
    return count;
  }

  /** Only the positive rows of {@code log}, with all their columns, in the log's order. */
  public InteractionLog positives(InteractionLog log) {
    return log.select(positiveRows(log));
  }
}
