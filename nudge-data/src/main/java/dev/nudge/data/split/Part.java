package dev.nudge.data.split;

/** The three parts of a split. */
public enum Part {
  TRAIN,
  VALIDATION,
  TEST
}
