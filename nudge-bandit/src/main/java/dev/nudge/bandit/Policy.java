package dev.nudge.bandit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A bandit policy: chooses a slate for a context and learns from the rewards of what it showed.
 *
 * <p>Thread-safety: {@link #decide} reads state only and may run on many threads at once; {@link
 * #learn}, {@link #readState} are single-writer and must not overlap a {@code decide} on the same
 * instance. {@link #copy()} gives an independent instance for serving while this one learns.
 */
public interface Policy {

  /** A short name with its parameters, e.g. {@code "epsilon-greedy(epsilon=0.1)"}. */
  String name();

  /**
   * Chooses {@code context.slateSize()} distinct candidates. All randomness comes from {@code
   * context.random()}, so the same context (and state) gives the same slate.
   */
  Slate decide(DecisionContext context);

  /** Updates the state with one observed reward. */
  void learn(Feedback feedback);

  /** An independent deep copy of this policy, state included. */
  Policy copy();

  /** Writes the full learning state (not the parameters) so {@link #readState} can resume. */
  void writeState(DataOutputStream out) throws IOException;

  /** Replaces the learning state with one written by {@link #writeState} of the same policy. */
  void readState(DataInputStream in) throws IOException;
}
