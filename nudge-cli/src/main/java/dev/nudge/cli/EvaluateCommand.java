package dev.nudge.cli;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.eval.metrics.EvaluationConfig;
import dev.nudge.eval.metrics.ItemScorer;
import dev.nudge.eval.metrics.MetricReport;
import dev.nudge.eval.metrics.Protocol;
import dev.nudge.eval.metrics.RankingEvaluator;
import dev.nudge.model.ModelProvenance;
import dev.nudge.model.baseline.BprConfig;
import dev.nudge.model.baseline.BprRecommender;
import dev.nudge.model.baseline.PopularityRecommender;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.model.twotower.TwoTowerModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge evaluate}: re-creates the split a model was trained on (from its provenance) and
 * prints its test metrics under a protocol, as a table or one JSON object. With {@code --baseline}
 * it also fits popularity and/or BPR-MF on the same training part and scores them in the same
 * harness, so the model's numbers have references beside them.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved two-tower model on the test part of the split it was trained with.",
      "Protocols: full (rank every item the user has not seen) or sampled100 (the positive",
      "among 99 sampled unseen items). --baseline popularity,bpr adds reference models fitted",
      "on the same training part and scored in the same harness."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "A model directory from 'nudge train'.")
  Path model;

  @CommandLine.Mixin DatasetOptions input;

  @Option(
      names = "--protocol",
      defaultValue = "full",
      description = "full or sampled100. Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(names = "--seed", description = "Seed of negative sampling (default: the model's).")
  Long seed;

  @Option(
      names = "--json",
      description =
          "Print one JSON object keyed by metric name; with baselines, one object keyed by model"
              + " name (two-tower, popularity, bpr) whose values are such objects.")
  boolean json;

  @Option(
      names = "--baseline",
      split = ",",
      defaultValue = "none",
      description =
          "none, popularity or bpr; several comma-separated. BPR-MF stops early on validation"
              + " NDCG@10. Default: ${DEFAULT-VALUE}.")
  List<String> baselines;

  /** The name of the evaluated model in tables and JSON. */
  static final String MODEL = "two-tower";

  /** Reference models {@code --baseline} can add. */
  enum Baseline {
    POPULARITY("popularity"),
    BPR("bpr");

    private final String label;

    Baseline(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    /** The baselines named on the command line, in order, without repeats; "none" adds none. */
    static List<Baseline> parse(List<String> names) {
      Set<Baseline> out = new LinkedHashSet<>();
      for (String raw : names) {
        String name = raw.trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "none" -> {
            // Nothing to add.
          }
          case "popularity", "pop" -> out.add(POPULARITY);
          case "bpr", "bpr-mf" -> out.add(BPR);
          default ->
              throw InputException.forField(
                  "baseline", "must be none, popularity or bpr, got '" + raw + "'");
        }
      }
      return List.copyOf(out);
    }
  }

  @Override
  public Integer call() {
    Protocol p = Protocol.parse(protocol);
    List<Baseline> references = Baseline.parse(baselines);
    TwoTowerModel m = TwoTowerFiles.load(model);
    ModelProvenance prov = m.provenance();
    Dataset dataset = input.load();
    TrainCommand.SplitKind kind = TrainCommand.SplitKind.parse(prov.split());
    double threshold = m.config().training().positiveThreshold();
    TrainCommand.Parts parts =
        TrainCommand.parts(dataset, kind, threshold, m.config().training().seed());
    int users = dataset.users().size();
    int items = dataset.items().size();
    long evalSeed = seed == null ? prov.seed() : seed;
    RankingEvaluator evaluator = new RankingEvaluator(users, items, parts.seen(), parts.test());
    EvaluationConfig config = EvaluationConfig.of(p, evalSeed);
    Map<String, MetricReport> reports = new LinkedHashMap<>();
    reports.put(MODEL, evaluator.evaluate(TrainCommand.scorer(m, dataset), config));
    for (Baseline b : references) {
      reports.put(
          b.label(), evaluator.evaluate(baseline(b, parts, threshold, users, items, prov), config));
    }
    PrintWriter out = spec.commandLine().getOut();
    MetricReport report = reports.get(MODEL);
    if (json) {
      out.println(
          references.isEmpty()
              ? report.toJson()
              : reports.entrySet().stream()
                  .map(e -> "\"" + e.getKey() + "\":" + e.getValue().toJson())
                  .collect(Collectors.joining(",", "{", "}")));
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "%s, split %s, protocol %s, %d lists%n",
        prov.dataset(),
        prov.split(),
        p.label(),
        report.lists());
    List<String> names = new ArrayList<>(reports.keySet());
    if (!references.isEmpty()) {
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "metric"));
      for (String name : names) {
        header.append(String.format(Locale.ROOT, " %10s", name));
      }
      out.println(header);
    }
    for (String metric : report.values().keySet()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", metric));
      for (String name : names) {
        line.append(
            String.format(
                Locale.ROOT,
                references.isEmpty() ? " %.4f" : " %10.4f",
                reports.get(name).values().getOrDefault(metric, Double.NaN)));
      }
      out.println(line);
    }
    return 0;
  }

  /**
   * Fits a baseline on the model's training part: its positives (the model's threshold), with BPR
   * stopping early on the validation part's NDCG@10 under full ranking, like {@code nudge train}.
   */
  static ItemScorer baseline(
      Baseline b,
      TrainCommand.Parts parts,
      double threshold,
      int users,
      int items,
      ModelProvenance prov) {
    InteractionLog positives = new ImplicitLabels((float) threshold).positives(parts.train());
    return switch (b) {
      case POPULARITY -> PopularityRecommender.fit(positives, items)::score;
      case BPR -> {
        RankingEvaluator validation =
            new RankingEvaluator(users, items, parts.train(), parts.validation());
        EvaluationConfig full = EvaluationConfig.of(Protocol.FULL, prov.seed());
        BprRecommender.EpochScore score =
            parts.validation().size() == 0
                ? null
                : bpr -> validation.evaluate(bpr::score, full).get("ndcg@10");
        yield BprRecommender.fit(
                positives,
                users,
                items,
                BprConfig.earlyStopped(prov.seed()),
                score,
                BprConfig.PATIENCE,
                Progress.silent())
            ::score;
      }
    };
  }
}
