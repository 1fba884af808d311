package dev.nudge.data.fetch;

import dev.nudge.core.Progress;

/** Starts a progress display for one download; lets callers choose a bar, or nothing. */
@FunctionalInterface
public interface ProgressFactory {

  /** A progress for {@code total} units ({@code -1} when unknown). */
  Progress start(String task, long total, String unit);

  /** Shows nothing (tests, scripts). */
  static ProgressFactory silent() {
    return (task, total, unit) -> Progress.silent();
  }

  /** A text bar on standard error. */
  static ProgressFactory bars() {
    return Progress::bar;
  }
}
