package dev.nudge.eval.metrics;

/**
 * Scores every item for one user: higher means recommended earlier. Implementations must be safe to
 * call repeatedly for the same user and must write every slot of {@code out}.
 */
@FunctionalInterface
public interface ItemScorer {

  /**
   * Writes a score per item key into {@code out} (its length is the catalogue size).
   *
   * @param user the user key
   * @param out one slot per item key
   */
  void score(int user, float[] out);
}
