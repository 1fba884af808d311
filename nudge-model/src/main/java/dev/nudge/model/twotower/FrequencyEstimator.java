package dev.nudge.model.twotower;

/**
 * Streaming estimate of how likely each item is to appear in a mini-batch (Yi et al., RecSys 2019),
 * for the log-Q correction of in-batch softmax. Per item it keeps the step it was last seen and an
 * exponential average of the gap between sightings; the probability is 1 / gap. Single-threaded.
 */
final class FrequencyEstimator {
  private final long[] lastSeen;
  private final double[] gap;
  private final double alpha;

  /**
   * @param items number of items
   * @param alpha averaging rate in (0, 1]
   * @param initialGap the gap assumed before an item was seen twice (its first sighting averages
   *     towards the real gap)
   */
  FrequencyEstimator(int items, double alpha, double initialGap) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
    }
    this.lastSeen = new long[items];
    this.gap = new double[items];
    this.alpha = alpha;
    java.util.Arrays.fill(gap, Math.max(1, initialGap));
    java.util.Arrays.fill(lastSeen, -1);
  }

  /** Records that {@code item} appeared in the batch of step {@code step} (steps count from 0). */
  void observe(int item, long step) {
    if (lastSeen[item] >= 0 && lastSeen[item] != step) {
      gap[item] = (1 - alpha) * gap[item] + alpha * (step - lastSeen[item]);
    }
    lastSeen[item] = step;
  }

  /** The estimated probability that the item appears in a batch, in (0, 1]. */
  double probability(int item) {
    return Math.min(1, 1 / gap[item]);
  }
}
