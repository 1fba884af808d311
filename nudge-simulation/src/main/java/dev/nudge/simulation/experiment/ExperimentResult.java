package dev.nudge.simulation.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All runs of an experiment, with the per-policy summaries the paper's tables report.
 *
 * @param config what was run
 * @param environment a description of the environment (e.g. the simulator's AUC and threshold)
 * @param runs one per (trial, policy)
 */
public record ExperimentResult(ExperimentConfig config, String environment, List<PolicyRun> runs) {

  public ExperimentResult {
    runs = List.copyOf(runs);
  }

  /**
   * Per policy, in configured order: mean and sample standard deviation over trials of the final
   * cumulative CTR and regret, and the mean time per round.
   */
  public List<Summary> summaries() {
    Map<String, List<PolicyRun>> byPolicy = new LinkedHashMap<>();
    for (String p : config.policies()) {
      byPolicy.put(p, new ArrayList<>());
    }
    for (PolicyRun run : runs) {
      byPolicy.get(run.policy()).add(run);
    }
    List<Summary> out = new ArrayList<>();
    for (var e : byPolicy.entrySet()) {
      List<PolicyRun> rs = e.getValue();
      double[] ctr = rs.stream().mapToDouble(PolicyRun::finalCtr).toArray();
      double[] regret = rs.stream().mapToDouble(PolicyRun::finalRegret).toArray();
      double seconds = rs.stream().mapToDouble(PolicyRun::secondsPerRound).average().orElse(0);
      out.add(new Summary(e.getKey(), mean(ctr), std(ctr), mean(regret), std(regret), seconds));
    }
    return out;
  }

  /** Mean over trials of the cumulative CTR curve of one policy. */
  public double[] meanCurve(String policy, boolean regret) {
    double[] sum = new double[config.rounds()];
    int n = 0;
    for (PolicyRun run : runs) {
      if (run.policy().equals(policy)) {
        double[] curve = regret ? run.cumulativeRegret() : run.cumulativeCtr();
        for (int t = 0; t < sum.length; t++) {
          sum[t] += curve[t];
        }
        n++;
      }
    }
    for (int t = 0; t < sum.length; t++) {
      sum[t] /= Math.max(1, n);
    }
    return sum;
  }

  /**
   * @param policy the spec
   * @param ctrMean mean final cumulative CTR
   * @param ctrStd its sample standard deviation over trials
   * @param regretMean mean final cumulative regret
   * @param regretStd its sample standard deviation
   * @param secondsPerRound mean wall time per round
   */
  public record Summary(
      String policy,
      double ctrMean,
      double ctrStd,
      double regretMean,
      double regretStd,
      double secondsPerRound) {}

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  static double std(double[] x) {
    if (x.length < 2) {
      return 0;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
