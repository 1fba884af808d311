package dev.nudge.serve.log;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged decision reduced to what retraining the embeddings needs: who was shown what, when, and
 * the total reward credited to it.
 *
 * @param eventId the event id
 * @param userId the user id as sent
 * @param armId the nudge rewards were credited to (the reward action)
 * @param decidedAt when the decision was made
 * @param rewards how many rewards were logged for it (0: none arrived)
 * @param total the sum of their values
 */
public record RewardedDecision(
    String eventId, String userId, String armId, Instant decidedAt, int rewards, double total) {
  public RewardedDecision {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(armId, "armId");
    Objects.requireNonNull(decidedAt, "decidedAt");
    if (rewards < 0) {
      throw new IllegalArgumentException("rewards must be >= 0, got " + rewards);
    }
  }
}
