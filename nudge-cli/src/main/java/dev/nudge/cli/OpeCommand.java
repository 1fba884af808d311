package dev.nudge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.PolicySnapshots;
import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.load.DatasetFormats;
import dev.nudge.eval.ope.ArmMeanRewardModel;
import dev.nudge.eval.ope.Estimate;
import dev.nudge.eval.ope.EventLogRounds;
import dev.nudge.eval.ope.LoggedRound;
import dev.nudge.eval.ope.LoggedRounds;
import dev.nudge.eval.ope.OffPolicyEvaluator;
import dev.nudge.eval.ope.OpeReport;
import dev.nudge.eval.ope.RewardModel;
import dev.nudge.eval.ope.RidgeRewardModel;
import dev.nudge.eval.ope.TargetPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge ope}: estimates what a target policy would earn on logged traffic, with IPS, SNIPS,
 * the direct method, doubly robust and replay, each with a bootstrap confidence interval.
 */
@Command(
    name = "ope",
    mixinStandardHelpOptions = true,
    description = {
      "Off-policy evaluation: the value per round a target policy would have earned on a log",
      "whose rows carry the logging policy's propensities: the service's event log export",
      "(nudge-event-log/1, GET /v1/log/export; see docs/event-log-format.md), the Open Bandit",
      "Dataset, or the generic format with a propensity column. The target is a policy spec",
      "(optionally with a learned state from a snapshot) or, for a data set, another log's action",
      "distribution (--target-log), whose own on-policy value is then printed beside the",
      "estimates."
    })
final class OpeCommand implements Callable<Integer> {
  /** The --format name of the service's export. */
  static final String EVENT_LOG = "nudge-event-log";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--log",
      required = true,
      paramLabel = "PATH",
      description = "the service's JSONL export (a file), or a data set folder")
  Path log;

  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "NAME",
      description =
          "nudge-event-log, or a data set loader; auto recognises an export by its first line"
              + " (default: ${DEFAULT-VALUE})")
  String format;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--policy", paramLabel = "SPEC", description = "target policy spec")
    String policy;

    @Option(
        names = "--target-log",
        paramLabel = "DIR",
        description = "a log of the target policy: its action shares per position are the target")
    Path targetLog;
  }

  @Option(names = "--snapshot", paramLabel = "FILE", description = "learned state for --policy")
  Path snapshot;

  @Option(
      names = "--reward-model",
      defaultValue = "arm-mean",
      paramLabel = "NAME",
      description = "direct-method model: arm-mean or ridge (default: ${DEFAULT-VALUE})")
  String rewardModel;

  @Option(names = "--bootstrap", defaultValue = "500", description = "bootstrap resamples")
  int bootstrap;

  @Option(
      names = "--samples",
      defaultValue = "100",
      description = "draws per round to estimate a randomised policy's distribution")
  int samples;

  @Option(names = "--seed", defaultValue = "20261123", description = "seed")
  long seed;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    RewardModel.Fitter fitter =
        switch (rewardModel) {
          case "arm-mean" -> ArmMeanRewardModel.fitter(10);
          case "ridge" -> RidgeRewardModel.fitter(1);
          default ->
              throw InputException.forField(
                  "--reward-model", "must be arm-mean or ridge, got '" + rewardModel + "'");
        };
    OffPolicyEvaluator evaluator =
        new OffPolicyEvaluator(new OffPolicyEvaluator.Config(bootstrap, 0.95, 2, seed));
    List<OpeReport> reports = new ArrayList<>();
    if (EVENT_LOG.equals(format) || ("auto".equals(format) && EventLogRounds.isEventLog(log))) {
      if (target.policy == null) {
        throw InputException.forField(
            "--target-log", "applies to data set logs; evaluate an event log with --policy");
      }
      EventLogRounds.Read read = EventLogRounds.read(log);
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "%s: %d decisions, %d evaluated, %d never activated (skipped); logged by %s%n",
              log,
              read.rounds().size() + read.notActivated(),
              read.rounds().size(),
              read.notActivated(),
              String.join(", ", read.policies()));
      reports.add(evaluator.evaluate(read.rounds(), targetPolicy(), fitter));
      print(reports, null, spec.commandLine().getOut());
      return 0;
    }
    Dataset logged = DatasetFormats.load(log, format);
    Double truth = null;
    if (target.policy != null) {
      reports.add(evaluator.evaluate(LoggedRounds.of(logged, log, -1), targetPolicy(), fitter));
    } else {
      Dataset targetData = DatasetFormats.load(target.targetLog, format);
      InteractionLog targetLog = targetData.interactions();
      double[][] shares = LoggedRounds.actionShares(targetLog, logged.items().size());
      // Evaluate per position, where the target's distribution is its share at that position.
      for (int position = 0; position < shares.length; position++) {
        List<LoggedRound> rounds = LoggedRounds.of(logged, log, shares.length == 1 ? -1 : position);
        if (!rounds.isEmpty()) {
          reports.add(
              evaluator.evaluate(
                  rounds, TargetPolicy.fixed("position-" + position, shares[position]), fitter));
        }
      }
      double clicks = 0;
      for (int r = 0; r < targetLog.size(); r++) {
        clicks += targetLog.value(r);
      }
      truth = clicks / targetLog.size();
    }
    print(reports, truth, spec.commandLine().getOut());
    return 0;
  }

  /** The --policy spec, with its learned state when a snapshot is given. */
  private TargetPolicy targetPolicy() {
    Policy policy = PolicyCatalog.registry().create(target.policy);
    if (snapshot != null) {
      PolicySnapshots.read(snapshot, policy);
    }
    return TargetPolicy.sampling(policy, samples, Seeds.derive(seed, "target"));
  }

  private void print(List<OpeReport> reports, Double truth, PrintWriter out) throws Exception {
    // Positions carry equal shares of traffic in the logs this supports, so the overall value is
    // the mean over reports, for the point estimates and (conservatively) the interval ends.
    List<String> names = List.of("ips", "snips", "dm", "dr", "replay");
    ObjectNode root = new ObjectMapper().createObjectNode();
    if (!json) {
      for (OpeReport r : reports) {
        out.println(r.toMarkdown());
      }
      out.println("overall (mean over " + reports.size() + " part(s)):");
    }
    for (String name : names) {
      double value = 0;
      double low = 0;
      double high = 0;
      for (OpeReport r : reports) {
        Estimate e = r.estimate(name);
        value += e.value() / reports.size();
        low += e.lower() / reports.size();
        high += e.upper() / reports.size();
      }
      ObjectNode node = root.putObject(name);
      node.put("value", value);
      node.put("lower", low);
      node.put("upper", high);
      String line = String.format(Locale.ROOT, "  %-7s %.6f  [%.6f, %.6f]", name, value, low, high);
      if (truth != null) {
        double error = (value - truth) / truth;
        node.put("relativeError", error);
        line += String.format(Locale.ROOT, "  relative error %+.1f%%", 100 * error);
      }
      if (!json) {
        out.println(line);
      }
    }
    if (truth != null) {
      root.put("onPolicyValue", truth);
      if (!json) {
        out.printf(Locale.ROOT, "  target's on-policy value in its own log: %.6f%n", truth);
      }
    }
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(root));
    }
  }
}
