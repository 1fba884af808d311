package dev.nudge.eval.ope;

import dev.nudge.bandit.DecisionContext;
import java.util.List;

/**
 * An estimate of the expected reward of each candidate in a context: the "direct method" half of
 * doubly robust estimation. Fitted once on logged rounds, then read-only and thread-safe.
 */
public interface RewardModel {

  /** r̂(context, a) for each candidate a. */
  double[] predict(DecisionContext context);

  /** Fits a model of this kind on logged rounds. */
  interface Fitter {
    RewardModel fit(List<LoggedRound> rounds);
  }
}
