package dev.nudge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.serve.log.JdbcEventLog;
import dev.nudge.serve.retrain.LogRetrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nudge retrain}: rebuilds the two-tower model from the service's event log (rewarded
 * decisions are the positives) into a new model directory, and optionally hot-swaps it into a
 * running service through {@code POST /v1/models/reload}: seed 001's daily cycle.
 */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds the two-tower model from a service's event log (rewarded decisions are the",
      "positives) into a new model directory; with --serve-url, swaps it into the running",
      "service (its --model-dir must contain the new directory)."
    })
final class RetrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE|URL",
      description = "the service's event log: SQLite file or jdbc:postgresql:// URL")
  String db;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "new model directory to write (must not exist or be empty)")
  Path model;

  @Option(
      names = "--dim",
      paramLabel = "N",
      description = "embedding width, the neural policies' d1/d2 (default 32)")
  int dimension = 32;

  @Option(names = "--epochs", paramLabel = "N", description = "training epochs (default 10)")
  int epochs = 10;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "positives per batch (default: a quarter of them, 2..512)")
  int batchSize;

  @Option(names = "--seed", paramLabel = "N", description = "training seed")
  long seed = Seeds.DEFAULT_SEED;

  @Option(
      names = "--serve-url",
      paramLabel = "URL",
      description = "a running service to reload the new model into, e.g. http://127.0.0.1:8080")
  String serveUrl;

  @Option(
      names = "--reload-path",
      paramLabel = "PATH",
      description = "the model's path inside the service's --model-dir (default: --model's name)")
  String reloadPath;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "a write key of the service (default: $NUDGE_API_KEY, if set)")
  String apiKey = System.getenv("NUDGE_API_KEY");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // The library checks these too; checked here first so messages name the options.
    if (dimension < 1 || dimension > 4096) {
      throw InputException.forField("--dim", "must be in 1..4096, got " + dimension);
    }
    if (epochs < 1) {
      throw InputException.forField("--epochs", "must be >= 1, got " + epochs);
    }
    if (batchSize != 0 && (batchSize < 2 || batchSize > 65536)) {
      throw InputException.forField("--batch-size", "must be in 2..65536, got " + batchSize);
    }
    if (Files.isDirectory(model)) {
      try (Stream<Path> entries = Files.list(model)) {
        if (entries.findAny().isPresent()) {
          throw InputException.forField(
              "--model", "directory is not empty: " + model + " (choose a new name)");
        }
      }
    } else if (Files.exists(model)) {
      throw InputException.forField("--model", "exists and is not a directory: " + model);
    }
    LogRetrainer.Options options = new LogRetrainer.Options(dimension, epochs, batchSize, seed);
    String url = db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + Path.of(db).toAbsolutePath();
    if (!db.startsWith("jdbc:") && !Files.isRegularFile(Path.of(db))) {
      throw InputException.forField("--db", "no event log at " + db);
    }
    LogRetrainer.Outcome o;
    try (JdbcEventLog log = JdbcEventLog.open(url)) {
      o = LogRetrainer.retrain(log, model, options, Progress.silent());
    }
    out.printf(
        Locale.ROOT,
        "retrained on %d decisions (%d rewarded): %d users, %d nudges, %d-dimensional;"
            + " %d epochs, last loss %.4f%n",
        o.decisions(),
        o.positives(),
        o.model().userCount(),
        o.model().itemCount(),
        o.model().dimension(),
        o.report().epochs(),
        last(o.report().losses()));
    out.println("wrote " + model);
    if (serveUrl != null) {
      String path = reloadPath != null ? reloadPath : model.getFileName().toString();
      out.println("reloaded: " + reload(path));
    }
    out.flush();
    return 0;
  }

  private String reload(String path) throws InterruptedException {
    String base = serveUrl.endsWith("/") ? serveUrl.substring(0, serveUrl.length() - 1) : serveUrl;
    URI uri;
    try {
      uri = URI.create(base + "/v1/models/reload");
    } catch (IllegalArgumentException e) {
      throw InputException.forField("--serve-url", "is not a URL: " + serveUrl);
    }
    String body = new ObjectMapper().createObjectNode().put("path", path).toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("X-Api-Key", apiKey);
    }
    HttpResponse<String> response;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw InputException.forField(
          "--serve-url",
          "cannot reach "
              + uri
              + " ("
              + e
              + "); the model is written, reload it with POST /v1/models/reload {\"path\": \""
              + path
              + "\"}");
    }
    if (response.statusCode() != 200) {
      throw InputException.forField(
          "--serve-url",
          "the service refused the reload (HTTP "
              + response.statusCode()
              + "): "
              + response.body()
              + "; the model is written, reload it with POST /v1/models/reload {\"path\": \""
              + path
              + "\"}");
    }
    return response.body();
  }

  private static double last(List<Double> values) {
    return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
  }
}
