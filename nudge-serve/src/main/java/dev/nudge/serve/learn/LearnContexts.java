package dev.nudge.serve.learn;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.core.Seeds;
import dev.nudge.serve.log.DecisionRecord;
import dev.nudge.serve.log.SlotRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rebuilds the feedback a policy learns from out of a logged decision. Live learning and replay
 * after a restart both go through here, which is what makes a replay reproduce the live state.
 *
 * <p>The context holds the user (key and the logged user vector), the hashed features and only the
 * rewarded arm (as the single candidate, with the logged item vector): what the learner needs, so a
 * pending window holds a {@link LearnInput} of a few hundred bytes instead of the whole decision.
 * The vectors are the ones the decision used, read back from the log, so a model reload in between
 * changes nothing.
 */
public final class LearnContexts {
  private static final Logger LOG = Logger.getLogger(LearnContexts.class.getName());
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private LearnContexts() {}

  /** The feedback for learning {@code reward} on the decision's reward arm. */
  public static Feedback feedback(DecisionRecord d, double reward) {
    return feedback(LearnInput.of(d), reward);
  }

  /** The feedback for learning {@code reward} on the pending decision's reward arm. */
  public static Feedback feedback(LearnInput d, double reward) {
    Arm arm =
        new Arm(
            d.rewardArm().id(),
            d.rewardArm().key(),
            d.rewardArm().embedding(),
            d.rewardArm().features(),
            d.rewardArm().topic());
    DecisionContext context =
        new DecisionContext(
            d.eventId(),
            d.userKey(),
            d.userEmbedding(),
            d.features(),
            List.of(arm),
            1,
            DecisionContext.UNLIMITED,
            Seeds.forEvent(d.eventId()));
    return new Feedback(context, arm, d.position(), reward);
  }

  /**
   * Teaches {@code policy} the reward of a logged decision. A decision the policy cannot learn from
   * (logged under another policy, e.g. without the vectors a neural policy needs) is skipped, and
   * the same skip happens on replay, so live and replayed states stay equal.
   *
   * @return false when the policy rejected the decision
   */
  public static boolean learn(Policy policy, DecisionRecord d, double reward) {
    return learn(policy, LearnInput.of(d), reward);
  }

  /** As {@link #learn(Policy, DecisionRecord, double)}, from what a reward window keeps. */
  public static boolean learn(Policy policy, LearnInput d, double reward) {
    try {
      policy.learn(feedback(d, reward));
      return true;
    } catch (IllegalArgumentException e) {
      // Once per run at WARNING (a misconfiguration shows), then quietly: it may repeat per step.
      Level level = WARNED.getAndSet(true) ? Level.FINE : Level.WARNING;
      LOG.log(level, () -> "not learnable by " + policy.name() + ": " + d.eventId() + ": " + e);
      return false;
    }
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
