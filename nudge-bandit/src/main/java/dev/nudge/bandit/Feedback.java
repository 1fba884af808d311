package dev.nudge.bandit;

import java.util.Objects;

/**
 * What happened after a decision: the reward one shown arm earned.
 *
 * @param context the decision's context, as the policy saw it
 * @param arm the arm that was shown
 * @param position the slot it was shown in, 0-based
 * @param reward the reward (1/0 for a click, or a real value already combined across objectives)
 */
public record Feedback(DecisionContext context, Arm arm, int position, double reward) {
  public Feedback {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(arm, "arm");
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite, got " + reward);
    }
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0, got " + position);
    }
  }
}
