package dev.nudge.simulation.experiment;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import java.util.random.RandomGenerator;

/**
 * A world in which a policy recommends and users answer: the synthetic nudge world, or the paper's
 * user-choice simulator over a real data set. One instance serves one trial; it is read-only during
 * the trial and may be shared by the policies' threads. An environment with per-run state (users
 * whose histories grow with their clicks) hands each policy run its own copy through {@link
 * #forRun()}.
 */
public interface BanditEnvironment {

  /** How many users take part in this trial (user indexes 0..users-1). */
  int users();

  /**
   * The context of one decision for a trial user: candidates with their embeddings/features, the
   * user's embedding and features, slate size and scoring budget.
   */
  DecisionContext context(
      int user, String eventId, int slateSize, int budget, RandomGenerator random);

  /** The reward the user gives the arm (0/1 clicks, or real values). */
  double reward(int user, Arm arm, RandomGenerator random);

  /**
   * The best expected reward one slot can earn for this user (the paper: 1 − flip probability);
   * cumulative regret is Σ_t (m·optimal − Σ slot rewards) / m.
   */
  double optimalSlotReward(int user);

  /**
   * The environment one policy run plays in: this one when it holds no per-run state (the default),
   * otherwise a fresh copy whose state starts where this one's does, used by that run's thread
   * only.
   */
  default BanditEnvironment forRun() {
    return this;
  }

  /**
   * Whether {@link #refreshEncoder(int)} is supported: the environment's embeddings come from an
   * encoder it can re-fit on the clicks a run observes.
   */
  default boolean refreshesEncoder() {
    return false;
  }

  /**
   * Re-fits the encoder the policies see on its pre-training data plus the clicks this environment
   * has handed out so far, and serves the new item and user embeddings from the next {@link
   * #context} on. Called on a run's own environment ({@link #forRun()}), by its thread only.
   *
   * @param refresh 1 for the first refresh of the run, 2 for the second...; the re-fit's seed
   *     derives from it, so a run is reproducible
   * @throws UnsupportedOperationException when {@link #refreshesEncoder()} is false
   */
  default void refreshEncoder(int refresh) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no encoder");
  }
}
