package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;

/**
 * A rule that puts every row of an interaction log into one {@link Part}. Implementations decide
 * the part of each row; copying the rows out is shared, so no splitter can drop or duplicate one.
 */
public interface Splitter {

  /** The part of every row of {@code log}. */
  SplitAssignment assign(InteractionLog log);

  /** The log's rows copied into their parts, each part keeping the log's row order. */
  default Split split(InteractionLog log) {
    return assign(log).apply(log);
  }
}
