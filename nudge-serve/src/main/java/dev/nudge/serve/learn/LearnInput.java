package dev.nudge.serve.learn;

import dev.nudge.serve.log.ArmRecord;
import dev.nudge.serve.log.DecisionRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * The part of a logged decision that learning reads: what an open reward window holds instead of
 * the whole record. A window lives for the reward wait (10 minutes by default), so at thousands of
 * decisions a second the windows are most of the heap's live data; without the candidate list, the
 * slate, the answer and the context text they are a few hundred bytes each and cost the young
 * collections, which copy them, that much less.
 *
 * <p>Live learning and replay both build their feedback from this ({@link LearnContexts}), so a
 * replay reproduces the live state. The arrays are shared with the record it was taken from, which
 * never changes them.
 *
 * @param seq the decision's log sequence number (orders windows with equal deadlines)
 * @param eventId the event id
 * @param userKey the dense user key, or -1
 * @param userEmbedding the user vector the policy saw (empty when none)
 * @param features the hashed features the policy saw
 * @param rewardArm the arm rewards are credited to
 * @param position the rewarded arm's slot in the slate (0 when not in it: an apprentice baseline)
 * @param activatedAt when the reward window opened, or null while deferred
 * @param loggingOnly true when the decision was made in logging-only mode (never learned)
 */
public record LearnInput(
    long seq,
    String eventId,
    int userKey,
    float[] userEmbedding,
    double[] features,
    ArmRecord rewardArm,
    int position,
    Instant activatedAt,
    boolean loggingOnly) {

  public LearnInput {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userEmbedding, "userEmbedding");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(rewardArm, "rewardArm");
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0, got " + position);
    }
  }

  private static final float[] NO_VECTOR = new float[0];

  /** What learning needs of a logged decision. */
  public static LearnInput of(DecisionRecord d) {
    return new LearnInput(
        d.seq(),
        d.eventId(),
        d.userKey(),
        d.userEmbedding().length == 0 ? NO_VECTOR : d.userEmbedding(), // one empty array for all
        d.features(),
        d.rewardArm(),
        LearnContexts.position(d),
        d.activatedAt(),
        LearnSettings.LearningMode.ofWireName(d.mode()) == LearnSettings.LearningMode.LOGGING_ONLY);
  }
}
