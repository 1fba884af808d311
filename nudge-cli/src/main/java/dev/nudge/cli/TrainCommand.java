package dev.nudge.cli;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.split.Fractions;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.data.split.LeaveLastOutSplitter;
import dev.nudge.data.split.RandomSplitter;
import dev.nudge.data.split.Split;
import dev.nudge.data.split.UserRandomSplitter;
import dev.nudge.eval.metrics.EvaluationConfig;
import dev.nudge.eval.metrics.ItemScorer;
import dev.nudge.eval.metrics.MetricReport;
import dev.nudge.eval.metrics.Protocol;
import dev.nudge.eval.metrics.RankingEvaluator;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.model.twotower.TwoTowerTrainer;
import dev.nudge.model.twotower.ValidationScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge train}: splits a data set, trains a two-tower model with early stopping on
 * validation NDCG@10, measures it on the test part and saves a model directory.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a two-tower model (DJL, PyTorch engine) on a data set and save a model directory.",
      "Splits: loo (per-user temporal leave-one-out on positives, last = test, one before =",
      "validation), random (80/10/10 of all rows) or user-random (each user's rows shuffled and",
      "cut 80/10/10, RecBole's default); the random splits read every rating as a positive."
    })
public final class TrainCommand implements Callable<Integer> {

  /** The config-file section this command reads. */
  static final String SECTION = "train";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin DatasetOptions input;

  @Option(names = "--config", description = "A Nudge YAML config; its 'train:' section is used.")
  Path config;

  @Option(names = "--out", required = true, description = "The model directory to write.")
  Path out;

  @Option(
      names = "--split",
      defaultValue = "loo",
      description = "loo, random or user-random. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--epochs", description = "Overrides train.training.epochs.")
  Integer epochs;

  @Option(names = "--seed", description = "Overrides train.training.seed.")
  Long seed;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    TwoTowerConfig cfg = readConfig(config);
    TrainingConfig training = cfg.training();
    if (epochs != null) {
      training = training.withEpochs(epochs);
    }
    if (seed != null) {
      training = training.withSeed(seed);
    }
    SplitKind kind = SplitKind.parse(split);
    if (kind != SplitKind.LOO) {
      training = training.withPositiveThreshold(0);
    }
    cfg = cfg.withTraining(training);
    Dataset dataset = input.load();
    Parts parts = parts(dataset, kind, training.positiveThreshold(), training.seed());
    int users = dataset.users().size();
    int items = dataset.items().size();
    RankingEvaluator validation =
        new RankingEvaluator(users, items, parts.train(), parts.validation());
    EvaluationConfig full = EvaluationConfig.of(Protocol.FULL, training.seed());
    ValidationScore score =
        parts.validation().size() == 0
            ? null
            : model -> validation.evaluate(scorer(model, dataset), full).get("ndcg@10");
    long total =
        (long) training.epochs()
            * new ImplicitLabels(training.positiveThreshold().floatValue())
                .countPositives(parts.train());
    TwoTowerTrainer.Result result;
    try (Progress progress = quiet ? Progress.silent() : Progress.bar("train", total, "ex")) {
      result =
          TwoTowerTrainer.train(
              dataset.withInteractions(parts.train()), parts.train(), cfg, score, progress);
    }
    MetricReport test =
        new RankingEvaluator(users, items, parts.seen(), parts.test())
            .evaluate(scorer(result.model(), dataset), full);
    TwoTowerModel model =
        result
            .model()
            .withProvenance(
                result.model().provenance().withSplit(kind.label()).withMetrics(test.values()));
    TwoTowerFiles.save(model, out);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "trained %d epochs (best %d), %.0f examples/s%n",
        result.report().epochs(),
        result.report().bestEpoch(),
        result.report().examplesPerSecond());
    o.printf(
        Locale.ROOT,
        "test (%s, full ranking, %d users): ndcg@10 %.4f  hr@10 %.4f  mrr %.4f%n",
        kind.label(),
        test.lists(),
        test.get("ndcg@10"),
        test.get("hr@10"),
        test.get("mrr"));
    o.println("saved " + out);
    return 0;
  }

  /** How a data set is cut into train, validation and test. */
  enum SplitKind {
    LOO("loo"),
    RANDOM("random-80-10-10"),
    USER_RANDOM("user-random-80-10-10");

    private final String label;

    SplitKind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    static SplitKind parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "loo" -> LOO;
        case "random", "random-80-10-10" -> RANDOM;
        case "user-random", "user-random-80-10-10" -> USER_RANDOM;
        default ->
            throw InputException.forField(
                "split", "must be loo, random or user-random, got '" + text + "'");
      };
    }
  }

  /**
   * The parts a command evaluates on: training rows, validation and test positives, and every row
   * the user had seen before the test (train + validation), which full ranking excludes.
   */
  record Parts(
      InteractionLog train, InteractionLog validation, InteractionLog test, InteractionLog seen) {}

  /** Splits the data the same way for {@code train} and {@code evaluate}. */
  static Parts parts(Dataset dataset, SplitKind kind, double threshold, long seed) {
    ImplicitLabels labels = new ImplicitLabels((float) threshold);
    Split s =
        switch (kind) {
          case LOO -> new LeaveLastOutSplitter(labels, true).split(dataset.interactions());
          case RANDOM -> new RandomSplitter(Fractions.DEFAULT, seed).split(dataset.interactions());
          case USER_RANDOM ->
              new UserRandomSplitter(Fractions.DEFAULT, seed).split(dataset.interactions());
        };
    return new Parts(
        s.train(),
        labels.positives(s.validation()),
        labels.positives(s.test()),
        concat(s.train(), s.validation()));
  }

  /** Scores a data set's items for its users with a model, mapping keys through the ids. */
  static ItemScorer scorer(TwoTowerModel model, Dataset dataset) {
    int[] userKey = new int[dataset.users().size()];
    for (int u = 0; u < userKey.length; u++) {
      userKey[u] = model.userKey(dataset.users().ids().id(u));
    }
    int[] itemKey = new int[dataset.items().size()];
    for (int i = 0; i < itemKey.length; i++) {
      itemKey[i] = model.itemKey(dataset.items().ids().id(i));
    }
    float[] buffer = new float[model.itemCount()];
    return (user, out) -> {
      int mu = userKey[user];
      if (mu < 0) {
        java.util.Arrays.fill(buffer, 0f);
      } else {
        model.score(mu, buffer);
      }
      for (int i = 0; i < out.length; i++) {
        // Items the model never saw go last.
        out[i] = itemKey[i] < 0 ? -Float.MAX_VALUE : buffer[itemKey[i]];
      }
    };
  }

  /** The 'train:' section of a config file, or the defaults. */
  static TwoTowerConfig readConfig(Path file) {
    return ConfigFile.readOrDefaults(file).section(SECTION, TwoTowerConfig.class);
  }

  private static InteractionLog concat(InteractionLog a, InteractionLog b) {
    InteractionLog.Builder out = new InteractionLog.Builder(a.kind());
    for (InteractionLog log : new InteractionLog[] {a, b}) {
      for (int r = 0; r < log.size(); r++) {
        out.add(log.user(r), log.item(r), log.time(r), log.value(r));
      }
    }
    return out.build();
  }
}
