package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesADecideRewardRoundTripOnEmbeddedDefaults() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    String db = dir.resolve("events.db").toString();
    Thread server =
        Thread.ofPlatform()
            .start(
                () ->
                    code.set(
                        Main.run(
                            new String[] {"serve", "--port", "0", "--db", db, "--duration", "PT8S"},
                            new PrintWriter(out, true),
                            new PrintWriter(err, true))));
    Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    Matcher m = listening.matcher("");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(m = listening.matcher(out.toString())).find()) {
      assertThat(System.nanoTime()).as("no 'listening' line; err: %s", err).isLessThan(deadline);
      assertThat(server.isAlive() || code.get() == -1).as(err.toString()).isTrue();
      Thread.sleep(50);
    }
    String base = m.group(1);
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> decide =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/decide"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"eventId\":\"e1\",\"userId\":\"u1\",\"context\":{\"hour\":9}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(decide.statusCode()).as(decide.body()).isEqualTo(200);
    assertThat(decide.body())
        .containsAnyOf(
            "savings-goal", "bill-reminder", "card-offer", "investment-tip", "budgeting-tip");
    HttpResponse<String> reward =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/events/e1/reward"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reward.statusCode()).as(reward.body()).isEqualTo(200);
    server.join(Duration.ofSeconds(60));
    assertThat(code.get()).as(err.toString()).isZero();
    assertThat(out.toString()).contains("warning: no --api-key").contains("stopped after PT8S");
  }

  @Test
  void badOptionsAreReportedWithoutAStackTrace() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "serve", "--port", "0", "--db", dir.resolve("x.db").toString(), "--reward-wait", "ten"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--reward-wait").doesNotContain("\tat ");
    code =
        Main.run(
            new String[] {"serve", "--api-key", "short"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("at least 16 characters");
  }
}
