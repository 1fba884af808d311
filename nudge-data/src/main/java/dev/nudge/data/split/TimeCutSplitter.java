package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;

/**
 * A global temporal cut at fixed times: rows before {@code validationFrom} train, rows from {@code
 * validationFrom} up to {@code testFrom} validate, rows at or after {@code testFrom} test. Every
 * training time is strictly earlier than every validation and test time, as in a deployment that
 * trains on the past and serves the future. Times are epoch seconds.
 */
public record TimeCutSplitter(long validationFrom, long testFrom) implements Splitter {

  public TimeCutSplitter {
    if (validationFrom > testFrom) {
      throw new IllegalArgumentException(
          "validationFrom must be <= testFrom, got " + validationFrom + " > " + testFrom);
    }
  }

  /** Train before {@code testFrom}, test from it on, no validation. */
  public static TimeCutSplitter at(long testFrom) {
    return new TimeCutSplitter(testFrom, testFrom);
  }

  @Override
  public SplitAssignment assign(InteractionLog log) {
    SplitAssignment.Builder parts = SplitAssignment.builder(log.size());
    for (int r = 0; r < log.size(); r++) {
      long t = log.time(r);
      if (t >= testFrom) {
        parts.set(r, Part.TEST);
      } else if (t >= validationFrom) {
        parts.set(r, Part.VALIDATION);
      }
    }
    return parts.build();
  }
}
