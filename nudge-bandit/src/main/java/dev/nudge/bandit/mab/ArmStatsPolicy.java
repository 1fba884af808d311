package dev.nudge.bandit.mab;

import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The state every context-free policy shares: per-arm pull and reward counts ({@link ArmStats}),
 * optionally discounted or windowed. Subclasses differ only in how they turn the counts into a
 * slate, so learning, copying and snapshots live here once.
 */
abstract sealed class ArmStatsPolicy implements Policy
    permits BetaThompsonPolicy, EpsilonGreedyPolicy, SoftmaxPolicy, Ucb1Policy {
  final double discount;
  final int window;
  ArmStats stats;

  /**
   * @param discount γ ∈ (0, 1] (1 = none)
   * @param window only the last {@code window} updates count (0 = all)
   */
  ArmStatsPolicy(double discount, int window) {
    this.discount = discount;
    this.window = window;
    this.stats = new ArmStats(discount, window);
  }

  /** A policy with the same parameters and no history; {@link #copy} adds the counts. */
  abstract ArmStatsPolicy withSameParameters();

  /** The reward as this policy counts it; the identity unless a policy needs a range. */
  double counted(double reward) {
    return reward;
  }

  @Override
  public final void learn(Feedback feedback) {
    stats.add(feedback.arm().key(), counted(feedback.reward()));
  }

  @Override
  public final Policy copy() {
    ArmStatsPolicy copy = withSameParameters();
    copy.stats = stats.copy();
    return copy;
  }

  @Override
  public final void writeState(DataOutputStream out) throws IOException {
    stats.write(out);
  }

  @Override
  public final void readState(DataInputStream in) throws IOException {
    stats.read(in);
  }
}
