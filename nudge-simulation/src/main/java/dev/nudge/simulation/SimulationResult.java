package dev.nudge.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one policy did over a simulation run.
 *
 * @param policy the policy's name
 * @param rounds decisions made
 * @param impressions nudges shown (rounds × slate size)
 * @param clicks clicks sampled from the true model
 * @param expectedClicks the sum of the shown nudges' true click probabilities (clicks without the
 *     sampling noise)
 * @param oracleClicks the same sum for the oracle that always shows the best slate
 * @param elapsed wall time spent deciding and learning
 * @param checkpoints cumulative figures at about {@link BanditSimulator#CHECKPOINTS} evenly spaced
 *     rounds, the last one the end
 */
public record SimulationResult(
    String policy,
    long rounds,
    long impressions,
    long clicks,
    double expectedClicks,
    double oracleClicks,
    Duration elapsed,
    List<Checkpoint> checkpoints) {

  public SimulationResult {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(elapsed, "elapsed");
    checkpoints = List.copyOf(checkpoints);
    if (rounds < 0 || impressions < rounds || clicks < 0 || clicks > impressions) {
      throw new IllegalArgumentException(
          "need 0 <= rounds <= impressions and 0 <= clicks <= impressions, got rounds="
              + rounds
              + ", impressions="
              + impressions
              + ", clicks="
              + clicks);
    }
  }

  /** Clicks per impression, or 0 before any. */
  public double ctr() {
    return impressions == 0 ? 0 : (double) clicks / impressions;
  }

  /** Cumulative expected regret against the oracle: oracle clicks − expected clicks. */
  public double regret() {
    return oracleClicks - expectedClicks;
  }

  /** Regret per 1,000 rounds. */
  public double regretPerThousand() {
    return rounds == 0 ? 0 : 1000 * regret() / rounds;
  }

  /**
   * Cumulative figures after {@code round} rounds.
   *
   * @param round rounds done
   * @param clicks clicks so far
   * @param regret cumulative expected regret so far
   */
  public record Checkpoint(long round, long clicks, double regret) {}
}
