package dev.nudge.model.baseline;

import dev.nudge.data.InteractionLog;

/** Scores every item by how often it occurs in training, the same for every user. Immutable. */
public final class PopularityRecommender {
  private final float[] counts;

  private PopularityRecommender(float[] counts) {
    this.counts = counts;
  }

  /** Counts the rows of each item in {@code train}. */
  public static PopularityRecommender fit(InteractionLog train, int items) {
    float[] counts = new float[items];
    for (int r = 0; r < train.size(); r++) {
      int i = train.item(r);
      if (i < 0 || i >= items) {
        throw new IllegalArgumentException("row " + r + " has item " + i + " outside " + items);
      }
      counts[i]++;
    }
    return new PopularityRecommender(counts);
  }

  /** Writes each item's training count into {@code out}; the user does not matter. */
  public void score(int user, float[] out) {
    System.arraycopy(counts, 0, out, 0, counts.length);
  }
}
