package dev.nudge.cli;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.PolicySpec;
import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.core.config.Configs;
import dev.nudge.data.Dataset;
import dev.nudge.data.load.DatasetFormats;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.simulation.experiment.BanditEnvironment;
import dev.nudge.simulation.experiment.ExperimentConfig;
import dev.nudge.simulation.experiment.ExperimentResult;
import dev.nudge.simulation.experiment.ExperimentRunner;
import dev.nudge.simulation.experiment.HtmlReport;
import dev.nudge.simulation.experiment.RunFolder;
import dev.nudge.simulation.paper.BprEncoder;
import dev.nudge.simulation.paper.Encoding;
import dev.nudge.simulation.paper.GenreEncoder;
import dev.nudge.simulation.paper.PaperTrials;
import dev.nudge.simulation.paper.SimulatorSettings;
import dev.nudge.simulation.paper.TwoTowerEncoder;
import dev.nudge.simulation.paper.UserChoiceSimulator;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge simulate}: the paper's experiment. Trains the user-choice simulator on a data set,
 * then runs every configured policy for the configured trials and rounds, and writes a run folder
 * with the table, the curves and an HTML report.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs bandit policies against the paper's user-choice simulator trained on real data",
      "(sections simulate and simulator of the config file), and writes a run folder with the",
      "cumulative-CTR table (mean ± std over trials), curves (PNG, SVG) and report.html."
    })
final class SimulateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML config file")
  Path config;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "parent folder of run folders (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--data", paramLabel = "DIR", description = "overrides simulator.data")
  Path data;

  @Override
  public Integer call() {
    ConfigFile file = ConfigFile.readOrDefaults(config);
    ExperimentConfig experiment = file.section("simulate", ExperimentConfig.class);
    SimulatorSettings settings = file.section("simulator", SimulatorSettings.class);
    Path dataDir = data != null ? data : Path.of(settings.data());
    var err = spec.commandLine().getErr();
    // Check everything the config names before the slow work starts.
    Encoding.Fitter encoder = encoder(settings);

    Dataset dataset = DatasetFormats.load(dataDir, settings.format());
    err.println("Training the user-choice simulator on " + dataset + " ...");
    UserChoiceSimulator simulator;
    try (Progress p = Progress.bar("simulator", 6, "epochs")) {
      simulator = UserChoiceSimulator.train(dataset, settings.simulatorConfig(), p);
    }
    err.println(simulator.report());
    PaperTrials trials =
        new PaperTrials(
            dataset,
            simulator,
            encoder,
            experiment.usersPerTrial(),
            settings.historyFromClicks(),
            experiment.encoderUpdatePeriod() > 0,
            settings.alignment());

    long total = (long) experiment.trials() * experiment.policies().size() * experiment.rounds();
    ExperimentResult result;
    try (Progress p = Progress.bar("simulate", total, "rounds")) {
      result =
          new ExperimentRunner()
              .run(
                  experiment,
                  trials,
                  SimulateCommand::policy,
                  simulator.report()
                      + "; encoder "
                      + settings.encoder()
                      + (experiment.encoderUpdatePeriod() > 0
                          ? ", re-fitted every "
                              + experiment.encoderUpdatePeriod()
                              + " rounds (alignment "
                              + settings.encoderAlignment()
                              + ")"
                          : ""),
                  p);
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path folder = out.resolve(experiment.name() + "-" + stamp);
    String yaml =
        "simulate:\n"
            + indent(Configs.toYaml(experiment))
            + "simulator:\n"
            + indent(Configs.toYaml(settings));
    RunFolder.write(folder, result, yaml);
    Path report = HtmlReport.write(folder);
    var outWriter = spec.commandLine().getOut();
    outWriter.println(RunFolder.markdown(result));
    outWriter.println("Run folder: " + folder);
    outWriter.println("Report:     " + report);
    return 0;
  }

  static Encoding.Fitter encoder(SimulatorSettings settings) {
    return switch (settings.encoder()) {
      case "genres" -> new GenreEncoder();
      case "bpr" ->
          new BprEncoder(
              settings.dimensions(),
              settings.encoderEpochs(SimulatorSettings.DEFAULT_BPR_EPOCHS),
              new ImplicitLabels(settings.positiveThreshold()));
      case "two-tower" ->
          new TwoTowerEncoder(
              settings.dimensions(),
              settings.encoderEpochs(SimulatorSettings.DEFAULT_TWO_TOWER_EPOCHS),
              settings.positiveThreshold());
      default ->
          throw InputException.forField(
              "simulator.encoder",
              "unknown encoder '" + settings.encoder() + "'; known: genres, bpr, two-tower");
    };
  }

  /** Policies whose feature dimension {@code d} is read off the environment when not given. */
  private static final java.util.Set<String> NEEDS_DIMENSION =
      java.util.Set.of("linucb", "lints", "glm-ucb", "n-glm-ucb");

  /** Parameters that hold a nested policy spec (two-stage, ε-mix). */
  private static final java.util.Set<String> NESTED = java.util.Set.of("topic", "item", "policy");

  /**
   * Builds a policy from its spec, filling in dimensions the spec leaves out from the environment:
   * {@code d} (the embedding size for embedding features and the n- policies, the raw feature size
   * otherwise) and, for the shared neural policies, {@code d1} (item embedding) and {@code d2}
   * (user embedding). Nested specs are completed the same way.
   */
  static Policy policy(String text, BanditEnvironment environment) {
    DecisionContext probe =
        environment.context(0, "probe", 1, DecisionContext.UNLIMITED, Seeds.random(0));
    return PolicyCatalog.registry().create(complete(PolicySpec.parse(text), probe));
  }

  private static PolicySpec complete(PolicySpec spec, DecisionContext probe) {
    Map<String, String> params = new LinkedHashMap<>(spec.params());
    var arm = probe.candidates().get(0);
    if (NEEDS_DIMENSION.contains(spec.name()) && !params.containsKey("d")) {
      boolean embedding =
          spec.name().startsWith("n-") || "embedding".equals(params.get("features"));
      params.put("d", Integer.toString(embedding ? arm.embedding().length : arm.features().length));
    }
    if (spec.name().startsWith("s-n-")) {
      params.putIfAbsent("d1", Integer.toString(arm.embedding().length));
      if (!spec.name().endsWith("-item")) {
        params.putIfAbsent("d2", Integer.toString(probe.userEmbedding().length));
      }
    }
    for (String key : NESTED) {
      if (params.containsKey(key)) {
        params.put(key, complete(PolicySpec.parse(params.get(key)), probe).toString());
      }
    }
    return new PolicySpec(spec.name(), params);
  }

  private static String indent(String yaml) {
    StringBuilder out = new StringBuilder();
    for (String line : yaml.split("\n")) {
      out.append("  ").append(line).append('\n');
    }
    return out.toString();
  }
}
