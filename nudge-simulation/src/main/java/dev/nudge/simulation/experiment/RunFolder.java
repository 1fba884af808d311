package dev.nudge.simulation.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an experiment into one folder: {@code config.yaml} (exactly what ran), {@code summary.md}
 * and {@code summary.csv} (the paper's table: cumulative CTR mean ± std per policy, regret, time
 * per round), {@code runs.csv} (every trial), {@code curves.json} (mean curves), and the cumulative
 * CTR and regret plots as PNG and SVG. {@link HtmlReport} turns the folder into one self-contained
 * page.
 */
public final class RunFolder {
  public static final String CONFIG = "config.yaml";
  public static final String SUMMARY_MD = "summary.md";
  public static final String SUMMARY_CSV = "summary.csv";
  public static final String RUNS_CSV = "runs.csv";
  public static final String CURVES_JSON = "curves.json";
  public static final String CTR_PLOT = "cumulative-ctr";
  public static final String REGRET_PLOT = "regret";

  private RunFolder() {}

  /** Writes everything into {@code dir} (created if needed) and returns it. */
  public static Path write(Path dir, ExperimentResult result, String configYaml) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(CONFIG), configYaml);
      Files.writeString(dir.resolve(SUMMARY_MD), markdown(result));
      Files.writeString(dir.resolve(SUMMARY_CSV), summaryCsv(result));
      Files.writeString(dir.resolve(RUNS_CSV), runsCsv(result));
      Map<String, Object> curves = new LinkedHashMap<>();
      for (String p : result.config().policies()) {
        curves.put(
            p,
            Map.of(
                "cumulativeCtr", result.meanCurve(p, false),
                "cumulativeRegret", result.meanCurve(p, true)));
      }
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(CURVES_JSON).toFile(), curves);
      Plots.curves(result, false, dir.resolve(CTR_PLOT));
      Plots.curves(result, true, dir.resolve(REGRET_PLOT));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run folder " + dir, e);
    }
  }

  /** The paper's table as Markdown, with lift over the first policy named "random" if any. */
  public static String markdown(ExperimentResult result) {
    ExperimentConfig c = result.config();
    List<ExperimentResult.Summary> summaries = result.summaries();
    double random =
        summaries.stream()
            .filter(s -> s.policy().equals("random"))
            .mapToDouble(ExperimentResult.Summary::ctrMean)
            .findFirst()
            .orElse(Double.NaN);
    StringBuilder out = new StringBuilder();
    out.append("# ").append(c.name()).append("\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%d trials × %d rounds, %d users per trial, slate m = %d, budget %s, seed %d.%n%n",
            c.trials(),
            c.rounds(),
            c.usersPerTrial(),
            c.slateSize(),
            c.budgetPerSlot() == 0 ? "none" : "B = " + c.budgetPerSlot() + "·m",
            c.seed()));
    if (!result.environment().isBlank()) {
      out.append("Environment: ").append(result.environment()).append("\n\n");
    }
    out.append(
        "| policy | cumulative CTR (mean ± std) | lift over random | cumulative regret |"
            + " ms per round |\n|---|---|---|---|---|\n");
    for (ExperimentResult.Summary s : summaries) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f ± %.1f | %s | %.1f ± %.1f | %.3f |%n",
              s.policy(),
              s.ctrMean(),
              s.ctrStd(),
              Double.isNaN(random)
                  ? "–"
                  : String.format(Locale.ROOT, "%.2f×", s.ctrMean() / random),
              s.regretMean(),
              s.regretStd(),
              s.secondsPerRound() * 1000));
    }
    return out.toString();
  }

  private static String summaryCsv(ExperimentResult result) {
    StringBuilder out =
        new StringBuilder("policy,ctr_mean,ctr_std,regret_mean,regret_std,seconds_per_round\n");
    for (ExperimentResult.Summary s : result.summaries()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s,%.6f,%.6f,%.6f,%.6f,%.9f%n",
              csv(s.policy()),
              s.ctrMean(),
              s.ctrStd(),
              s.regretMean(),
              s.regretStd(),
              s.secondsPerRound()));
    }
    return out.toString();
  }

  private static String runsCsv(ExperimentResult result) {
    StringBuilder out =
        new StringBuilder("policy,trial,cumulative_ctr,cumulative_regret,seconds_per_round\n");
    for (PolicyRun r : result.runs()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%.6f,%.6f,%.9f%n",
              csv(r.policy()),
              r.trial(),
              r.finalCtr(),
              r.finalRegret(),
              r.secondsPerRound()));
    }
    return out.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
