package dev.nudge.eval.ope;

import java.util.List;
import java.util.Locale;

/**
 * All estimates of one target policy on one log.
 *
 * @param target the target policy's name
 * @param rounds logged rounds used
 * @param effectiveSampleSize (Σw)²/Σw²: how many rounds the importance weights are worth
 * @param maxWeight the largest importance weight
 * @param loggedValue the logging policy's own mean reward on these rounds
 * @param estimates one per estimator
 */
public record OpeReport(
    String target,
    int rounds,
    double effectiveSampleSize,
    double maxWeight,
    double loggedValue,
    List<Estimate> estimates) {

  public OpeReport {
    estimates = List.copyOf(estimates);
  }

  /** The estimate of the named estimator ("ips", "snips", "dm", "dr", "replay"). */
  public Estimate estimate(String estimator) {
    return estimates.stream()
        .filter(e -> e.estimator().equals(estimator))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no estimator '" + estimator + "'"));
  }

  /** A Markdown table of the estimates. */
  public String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "target: %s; %d logged rounds; logged value %.6f; effective sample size %.1f; max"
                + " weight %.2f%n%n",
            target,
            rounds,
            loggedValue,
            effectiveSampleSize,
            maxWeight));
    out.append("| estimator | value | CI low | CI high | rounds |\n|---|---|---|---|---|\n");
    for (Estimate e : estimates) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.6f | %.6f | %.6f | %d |%n",
              e.estimator(),
              e.value(),
              e.lower(),
              e.upper(),
              e.rounds()));
    }
    return out.toString();
  }
}
