package dev.nudge.ranking.rerank;

import java.time.Duration;
import java.util.Objects;

/**
 * How often one user may see one nudge.
 *
 * @param maxImpressions at most this many impressions of a nudge per user within {@code window}, >=
 *     1
 * @param window the sliding window of the cap, > 0
 * @param coolDown the minimum time between two impressions of a nudge to a user, >= 0
 */
public record FrequencyRules(int maxImpressions, Duration window, Duration coolDown) {
  public FrequencyRules {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(coolDown, "coolDown");
    if (maxImpressions < 1) {
      throw new IllegalArgumentException("maxImpressions must be >= 1, got " + maxImpressions);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0, got " + window);
    }
    if (coolDown.isNegative()) {
      throw new IllegalArgumentException("coolDown must be >= 0, got " + coolDown);
    }
  }

  /** 3 impressions a day, at least an hour apart. */
  public static FrequencyRules defaults() {
    return new FrequencyRules(3, Duration.ofDays(1), Duration.ofHours(1));
  }
}
