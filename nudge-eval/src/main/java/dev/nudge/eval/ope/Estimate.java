package dev.nudge.eval.ope;

/**
 * One estimator's estimate of a target policy's value per round.
 *
 * @param estimator "ips", "snips", "dm", "dr" or "replay"
 * @param value the point estimate
 * @param lower the lower end of the bootstrap confidence interval
 * @param upper the upper end
 * @param rounds how many logged rounds the estimate used (replay: the matched ones)
 */
public record Estimate(String estimator, double value, double lower, double upper, int rounds) {
  public boolean covers(double truth) {
    return lower <= truth && truth <= upper;
  }

  /** (value − truth) / truth. */
  public double relativeError(double truth) {
    return (value - truth) / truth;
  }
}
