package dev.nudge.cli;

import dev.nudge.core.InputException;
import dev.nudge.serve.EmbeddingModel;
import dev.nudge.serve.Nudge;
import dev.nudge.serve.NudgeService;
import dev.nudge.serve.PolicyFactory;
import dev.nudge.serve.ServiceConfig;
import dev.nudge.serve.http.ApiKeys;
import dev.nudge.serve.http.HttpApi;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge serve}: the decide/reward HTTP service on embedded defaults (a SQLite event log in
 * one file and the five banking nudges), until interrupted.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves decide/reward over HTTP (/v1, OpenAPI at /v1/openapi) with a durable event log",
      "and online learning. Restarting on the same --db resumes the learned state."
    })
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "port (0: any free one; default 8080)")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      description = "address to bind (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(
      names = "--db",
      paramLabel = "FILE|URL",
      description = "SQLite file, or a jdbc:postgresql:// URL (default nudge-events.db)")
  String db = "nudge-events.db";

  @Option(
      names = "--api-key",
      paramLabel = "KEY[:read|:write]",
      description = "an API key (repeatable; default scope write); none: open service")
  List<String> apiKeys = new ArrayList<>();

  @Option(
      names = "--policy",
      paramLabel = "SPEC",
      description = "policy spec for a new log, e.g. epsilon-greedy or ucb1(c=1)")
  String policy;

  @Option(
      names = "--reward-wait",
      paramLabel = "DURATION",
      description = "reward wait time for a new log, ISO-8601 (default PT10M)")
  String rewardWait;

  @Option(
      names = "--model-dir",
      paramLabel = "DIR",
      description = "directory POST /v1/models/reload may load embeddings from")
  Path modelDir;

  @Option(
      names = "--model",
      paramLabel = "DIR|FILE",
      description =
          "embeddings to start with: a two-tower model directory (nudge train, nudge retrain)"
              + " or an embeddings file")
  Path model;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      description = "largest request body (default 1048576)")
  long maxBody = HttpApi.DEFAULT_MAX_BODY_BYTES;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      description = "stop after this long, ISO-8601 (default: run until interrupted)")
  String duration;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ServiceConfig config = ServiceConfig.defaults();
    if (policy != null) {
      config = config.withPolicy(policy);
    }
    if (rewardWait != null) {
      config = config.withRewardWait(parse("--reward-wait", rewardWait));
    }
    Duration runFor = duration == null ? null : parse("--duration", duration);
    ApiKeys keys;
    try {
      keys = apiKeys.isEmpty() ? ApiKeys.open() : ApiKeys.of(apiKeys);
    } catch (IllegalArgumentException e) {
      throw InputException.forField("--api-key", e.getMessage());
    }
    if (modelDir != null && !Files.isDirectory(modelDir)) {
      throw InputException.forField("--model-dir", "is not a directory: " + modelDir);
    }
    String url = db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + Path.of(db).toAbsolutePath();
    NudgeService service =
        NudgeService.open(
            new NudgeService.Settings(
                url,
                config,
                PolicyFactory.builtIn(),
                bankingNudges(),
                model == null ? EmbeddingModel.NONE : EmbeddingModel.load(model),
                InstantSource.system()));
    HttpApi api;
    try {
      api = HttpApi.start(service, new HttpApi.Options(host, port, keys, maxBody, modelDir));
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              api.close();
              service.close();
              stopped.countDown();
            },
            "nudge-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String base = "http://" + host + ":" + api.port();
    out.println("nudge serve: listening on " + base + " (log " + url + ")");
    out.println(
        "  policy "
            + service.policyName()
            + ", "
            + service.learnedSteps()
            + " steps learned, model "
            + service.model().version());
    if (keys.isOpen()) {
      out.println("  warning: no --api-key given; anyone who can reach the port can write");
    }
    out.println(
        "  try: curl -s -X POST "
            + base
            + "/v1/decide -H 'Content-Type: application/json' "
            + "-d '{\"eventId\":\"e1\",\"userId\":\"u1\",\"context\":{\"hour\":9}}'");
    out.flush();
    if (runFor == null) {
      stopped.await();
      return 0;
    }
    stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
    Runtime.getRuntime().removeShutdownHook(hook);
    hook.run();
    out.println("nudge serve: stopped after " + runFor);
    return 0;
  }

  private static Duration parse(String option, String text) {
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw InputException.forField(option, "must be positive, got " + text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw InputException.forField(
          option, "must be an ISO-8601 duration such as PT10M, got '" + text + "'");
    }
  }

  /** The five nudge families of the synthetic banking world. */
  static List<Nudge> bankingNudges() {
    return List.of(
        new Nudge(
            "savings-goal", 0, Map.of(), "savings", "Set a savings goal for this month", true),
        new Nudge(
            "bill-reminder", 0, Map.of(), "bills", "Your electricity bill is due in 3 days", true),
        new Nudge("card-offer", 0, Map.of(), "cards", "Cashback on groceries with your card", true),
        new Nudge(
            "investment-tip", 0, Map.of(), "investing", "Start investing from 10 a month", true),
        new Nudge("budgeting-tip", 0, Map.of(), "budgeting", "See where your money went", true));
  }
}
