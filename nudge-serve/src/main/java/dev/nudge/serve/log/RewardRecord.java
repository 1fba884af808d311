package dev.nudge.serve.log;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One reward as received, whether or not it was learned.
 *
 * @param seq the log's sequence number, in order of arrival
 * @param eventId the decision it rewards
 * @param receivedAt when it arrived
 * @param value the combined value (objective values weighted by the config)
 * @param objectives the per-objective values as sent (empty for a single {@code value})
 */
public record RewardRecord(
    long seq, String eventId, Instant receivedAt, double value, Map<String, Double> objectives) {
  public RewardRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    objectives = Map.copyOf(objectives);
  }
}
