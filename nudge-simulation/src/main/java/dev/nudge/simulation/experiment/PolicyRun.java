package dev.nudge.simulation.experiment;

/**
 * One policy's run in one trial.
 *
 * @param policy the policy spec as configured
 * @param trial the trial index
 * @param cumulativeCtr after each round t, Σ_{s ≤ t} clicks_s / m
 * @param cumulativeRegret after each round t, Σ_{s ≤ t} (optimal − clicks_s / m)
 * @param secondsPerRound mean wall time of decide + learn per round
 */
public record PolicyRun(
    String policy,
    int trial,
    double[] cumulativeCtr,
    double[] cumulativeRegret,
    double secondsPerRound) {

  /** The cumulative CTR after the last round (the paper's table entry). */
  public double finalCtr() {
    return cumulativeCtr[cumulativeCtr.length - 1];
  }

  public double finalRegret() {
    return cumulativeRegret[cumulativeRegret.length - 1];
  }
}
