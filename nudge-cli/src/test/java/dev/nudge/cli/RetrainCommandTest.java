package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.serve.EmbeddingModel;
import dev.nudge.serve.NudgeService;
import dev.nudge.serve.PolicyFactory;
import dev.nudge.serve.ServiceConfig;
import dev.nudge.serve.http.ApiKeys;
import dev.nudge.serve.http.HttpApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nudge retrain} end to end: a running service logs decisions and rewards, retrain rebuilds
 * the two-tower model from its log into a new directory and hot-swaps it in over HTTP; a neural
 * policy then decides on the new vectors.
 */
class RetrainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path dir;

  private HttpResponse<String> send(String method, String url, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void retrainsFromTheLogAndHotSwapsTheModelIntoTheRunningService() throws Exception {
    Path models = Files.createDirectory(dir.resolve("models"));
    Path db = dir.resolve("events.db");
    try (NudgeService service =
            NudgeService.open(
                new NudgeService.Settings(
                    "jdbc:sqlite:" + db,
                    ServiceConfig.defaults(),
                    PolicyFactory.builtIn(),
                    ServeCommand.bankingNudges(),
                    EmbeddingModel.NONE,
                    InstantSource.system()));
        HttpApi api =
            HttpApi.start(
                service,
                new HttpApi.Options(
                    "127.0.0.1", 0, ApiKeys.open(), HttpApi.DEFAULT_MAX_BODY_BYTES, models))) {
      String base = "http://127.0.0.1:" + api.port();
      for (int i = 0; i < 60; i++) {
        String id = "e" + i;
        HttpResponse<String> d =
            send(
                "POST",
                base + "/v1/decide",
                "{\"eventId\":\"" + id + "\",\"userId\":\"u" + i % 6 + "\"}");
        assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
        int value = i % 6 < 3 ? 1 : 0; // users u0..u2 act on what they are shown
        HttpResponse<String> r =
            send("POST", base + "/v1/events/" + id + "/reward", "{\"value\":" + value + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          run(
              out,
              err,
              "retrain",
              "--db",
              db.toString(),
              "--model",
              models.resolve("daily-1").toString(),
              "--dim",
              "8",
              "--epochs",
              "2",
              "--serve-url",
              base);
      assertThat(code).as("out %s err %s", out, err).isZero();
      assertThat(out.toString()).contains("60 decisions (30 rewarded)").contains("reloaded:");
      assertThat(models.resolve("daily-1/manifest.yaml")).exists();

      JsonNode m = JSON.readTree(send("GET", base + "/v1/models", "").body());
      assertThat(m.get("modelVersion").asText()).startsWith("daily-1@");
      assertThat(m.get("dimensions").asInt()).isEqualTo(8);
      assertThat(m.get("users").asInt()).isEqualTo(6);
      assertThat(m.get("items").asInt()).isEqualTo(5);

      // A neural policy now decides on the retrained vectors.
      HttpResponse<String> put =
          send("PUT", base + "/v1/config", "{\"policy\":\"s-n-galm-ucb(d1=8)\"}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      HttpResponse<String> d =
          send("POST", base + "/v1/decide", "{\"eventId\":\"after\",\"userId\":\"u1\"}");
      assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
      assertThat(JSON.readTree(d.body()).get("modelVersion").asText()).startsWith("daily-1@");

      // A second run must not overwrite the model the service is using.
      StringWriter err2 = new StringWriter();
      int again =
          run(
              new StringWriter(),
              err2,
              "retrain",
              "--db",
              db.toString(),
              "--model",
              models.resolve("daily-1").toString());
      assertThat(again).isEqualTo(2);
      assertThat(err2.toString()).contains("--model").contains("not empty");
    }
  }

  @Test
  void aLogWithoutRewardsOrAMissingLogIsAClearError() throws Exception {
    StringWriter err = new StringWriter();
    int code =
        run(
            new StringWriter(),
            err,
            "retrain",
            "--db",
            dir.resolve("missing.db").toString(),
            "--model",
            dir.resolve("m").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--db").contains("no event log");

    Path db = dir.resolve("quiet.db");
    try (NudgeService service =
        NudgeService.open(
            NudgeService.Settings.of("jdbc:sqlite:" + db, ServeCommand.bankingNudges()))) {
      assertThat(service.ready()).isTrue();
    }
    StringWriter err2 = new StringWriter();
    int quiet =
        run(
            new StringWriter(),
            err2,
            "retrain",
            "--db",
            db.toString(),
            "--model",
            dir.resolve("m").toString(),
            "--dim",
            "0");
    assertThat(quiet).isEqualTo(2);
    assertThat(err2.toString()).contains("--dim").contains("1..4096");
    StringWriter err3 = new StringWriter();
    int none =
        run(
            new StringWriter(),
            err3,
            "retrain",
            "--db",
            db.toString(),
            "--model",
            dir.resolve("m").toString());
    assertThat(none).isEqualTo(2);
    assertThat(err3.toString()).contains("0 rewarded decisions");
  }
}
