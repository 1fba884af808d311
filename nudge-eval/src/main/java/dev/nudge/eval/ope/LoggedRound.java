package dev.nudge.eval.ope;

import dev.nudge.bandit.DecisionContext;
import java.util.Objects;

/**
 * One logged decision: the context and candidates the logging policy saw, the candidate it chose
 * (slot 0), the probability it had of choosing it, and the reward that followed.
 *
 * @param context the decision context (slate size and the random source are ignored)
 * @param action index of the chosen candidate in {@code context.candidates()}
 * @param propensity the logging policy's probability of that action, in (0, 1]
 * @param reward the observed reward
 */
public record LoggedRound(DecisionContext context, int action, double propensity, double reward) {
  public LoggedRound {
    Objects.requireNonNull(context, "context");
    if (action < 0 || action >= context.candidates().size()) {
      throw new IllegalArgumentException(
          "action must index one of the "
              + context.candidates().size()
              + " candidates, got "
              + action
              + " (event "
              + context.eventId()
              + ")");
    }
    if (!(propensity > 0 && propensity <= 1)) {
      throw new IllegalArgumentException(
          "propensity must be in (0, 1], got " + propensity + " (event " + context.eventId() + ")");
    }
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException(
          "reward must be finite, got " + reward + " (event " + context.eventId() + ")");
    }
  }
}
