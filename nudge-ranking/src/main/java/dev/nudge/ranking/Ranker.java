package dev.nudge.ranking;

import java.util.List;

/**
 * Scores candidate items for a user, one probability per task. Implementations are immutable after
 * training and safe to call from many threads.
 */
public interface Ranker {

  /** A short name with its kind, e.g. "mmoe" or "logistic". */
  String name();

  /** The task names, in the order of each row of {@link #score}. */
  List<String> tasks();

  /** {@code [k][t]}: the probability of task t for item {@code items[k]}. */
  double[][] score(int user, int[] items);
}
