package dev.nudge.core;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work, shown on standard error so that standard output stays machine-readable
 * (tables, JSON). {@link #silent()} for tests and for callers that report progress themselves. Not
 * thread-safe except {@link #step}, which may be called from worker threads.
 */
public interface Progress extends AutoCloseable {

  /** Advances by {@code n} units. */
  void step(long n);

  /** Sets a short message shown beside the bar (current loss, throughput). */
  void message(String text);

  @Override
  void close();

  /** A progress that shows nothing. */
  static Progress silent() {
    return new Progress() {
      @Override
      public void step(long n) {}

      @Override
      public void message(String text) {}

      @Override
      public void close() {}
    };
  }

  /** A text progress bar on standard error for {@code total} units (-1 when unknown). */
  static Progress bar(String task, long total, String unit) {
    return bar(task, total, unit, System.err);
  }

  /** A text progress bar on the given stream. */
  static Progress bar(String task, long total, String unit, PrintStream out) {
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setMaxRenderedLength(100)
            .showSpeed()
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
            .setEtaFunction(state -> java.util.Optional.<Duration>empty())
            .build();
    return new Progress() {
      @Override
      public void step(long n) {
        bar.stepBy(n);
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
