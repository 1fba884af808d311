package dev.nudge.cli;

import dev.nudge.data.Dataset;
import dev.nudge.data.load.DatasetFormats;
import dev.nudge.eval.metrics.EvaluationConfig;
import dev.nudge.eval.metrics.MetricReport;
import dev.nudge.eval.metrics.Protocol;
import dev.nudge.eval.metrics.RankingEvaluator;
import dev.nudge.model.ModelProvenance;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.model.twotower.TwoTowerModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge evaluate}: re-creates the split a model was trained on (from its provenance) and
 * prints its test metrics under a protocol, as a table or one JSON object.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved two-tower model on the test part of the split it was trained with.",
      "Protocols: full (rank every item the user has not seen) or sampled100 (the positive",
      "among 99 sampled unseen items)."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "A model directory from 'nudge train'.")
  Path model;

  @Option(names = "--data", required = true, description = "The data set's folder.")
  Path data;

  @Option(
      names = "--format",
      defaultValue = DatasetFormats.AUTO,
      description =
          "auto, ml-100k, ml-1m, ml-csv, mind, obd or generic. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--protocol",
      defaultValue = "full",
      description = "full or sampled100. Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--seed", description = "Seed of negative sampling (default: the model's).")
  Long seed;

  @Option(names = "--json", description = "Print one JSON object keyed by metric name.")
  boolean json;

  @Override
  public Integer call() {
    Protocol p = Protocol.parse(protocol);
    TwoTowerModel m = TwoTowerFiles.load(model);
    ModelProvenance prov = m.provenance();
    Dataset dataset = DatasetFormats.load(data, format);
    TrainCommand.SplitKind kind = TrainCommand.SplitKind.parse(prov.split());
    TrainCommand.Parts parts =
        TrainCommand.parts(
            dataset, kind, m.config().training().positiveThreshold(), m.config().training().seed());
    MetricReport report =
        new RankingEvaluator(
                dataset.users().size(), dataset.items().size(), parts.seen(), parts.test())
            .evaluate(
                TrainCommand.scorer(m, dataset),
                EvaluationConfig.of(p, seed == null ? prov.seed() : seed));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(report.toJson());
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "%s, split %s, protocol %s, %d lists%n",
        prov.dataset(),
        prov.split(),
        p.label(),
        report.lists());
    for (Map.Entry<String, Double> e : report.values().entrySet()) {
      out.printf(Locale.ROOT, "  %-14s %.4f%n", e.getKey(), e.getValue());
    }
    return 0;
  }
}
