package dev.nudge.serve.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of the online learner: the policy learned {@code reward} for the decision's reward arm.
 * The sequence of these records, in {@code seq} order, is the learner's whole history: replaying it
 * on a fresh policy rebuilds the learned state exactly.
 *
 * @param seq the learning step, 1-based and gap-free
 * @param eventId the decision learned from
 * @param reward the value learned (the aggregate of the rewards in the window, or the default)
 * @param kind {@code reward} when rewards arrived in the window, {@code default} otherwise
 * @param learnedAt when the learner applied it
 */
public record LearnRecord(long seq, String eventId, double reward, String kind, Instant learnedAt) {
  public LearnRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(learnedAt, "learnedAt");
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, got " + seq);
    }
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite, got " + reward);
    }
  }
}
