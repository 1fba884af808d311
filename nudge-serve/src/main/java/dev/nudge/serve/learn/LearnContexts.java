package dev.nudge.serve.learn;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.core.Seeds;
import dev.nudge.serve.log.DecisionRecord;
import dev.nudge.serve.log.SlotRecord;
import java.util.List;

/**
 * Rebuilds the feedback a policy learns from out of a logged decision. Live learning and replay
 * after a restart both go through here, which is what makes a replay reproduce the live state.
 *
 * <p>The context holds the user, the hashed features and only the rewarded arm (as the single
 * candidate): what the learner needs, while a pending window holds a few hundred bytes instead of
 * all candidates.
 */
public final class LearnContexts {
  private LearnContexts() {}

  /** The feedback for learning {@code reward} on the decision's reward arm. */
  public static Feedback feedback(DecisionRecord d, double reward) {
    Arm arm =
        new Arm(
            d.rewardArm().id(),
            d.rewardArm().key(),
            null,
            d.rewardArm().features(),
            d.rewardArm().topic());
    DecisionContext context =
        new DecisionContext(
            d.eventId(),
            d.userKey(),
            null,
            d.features(),
            List.of(arm),
            1,
            DecisionContext.UNLIMITED,
            Seeds.forEvent(d.eventId()));
    return new Feedback(context, arm, position(d), reward);
  }

  /** The rewarded arm's slot in the slate; 0 when it is not there (an apprentice baseline). */
  static int position(DecisionRecord d) {
    List<SlotRecord> slate = d.slate();
    for (int i = 0; i < slate.size(); i++) {
      if (slate.get(i).id().equals(d.rewardArm().id())) {
        return i;
      }
    }
    return 0;
  }
}
