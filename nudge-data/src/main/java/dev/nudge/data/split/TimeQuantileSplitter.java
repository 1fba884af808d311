package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;
import java.util.Objects;

/**
 * A global temporal cut at quantiles of time: the earliest {@code fractions.train()} of the rows
 * train, the next {@code fractions.validation()} validate, the latest rows test. Rows are ordered
 * by time with ties broken by row number, so the part sizes are exact and every training time is
 * {@code <=} every validation and test time (rows logged in the same second may straddle a cut; use
 * {@link TimeCutSplitter} for a strict cut at a given time).
 */
public record TimeQuantileSplitter(Fractions fractions) implements Splitter {

  public TimeQuantileSplitter {
    Objects.requireNonNull(fractions, "fractions must not be null");
  }

  @Override
  public SplitAssignment assign(InteractionLog log) {
    int[] order = log.timeOrder();
    int[] cuts = fractions.cuts(order.length);
    SplitAssignment.Builder parts = SplitAssignment.builder(log.size());
    for (int k = cuts[0]; k < order.length; k++) {
      parts.set(order[k], k < cuts[1] ? Part.VALIDATION : Part.TEST);
    }
    return parts.build();
  }
}
