package dev.nudge.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /v1 contract over real HTTP. */
class HttpApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void decideReturnsASlateWithPropensitiesAndRewardRoundTrips() throws Exception {
    HttpResponse<String> r =
        server.post(
            "/v1/decide",
            "{\"eventId\":\"e-1\",\"userId\":\"u1\",\"context\":{\"hour\":9,\"device\":\"ios\"},"
                + "\"slateSize\":2}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode d = json(r);
    assertThat(d.get("eventId").asText()).isEqualTo("e-1");
    assertThat(d.get("slate")).hasSize(2);
    assertThat(d.get("policy").asText()).isEqualTo("epsilon-greedy(epsilon=0.1)");
    assertThat(d.get("modelVersion").asText()).isEqualTo("none");
    assertThat(d.get("rewardActionId").asText())
        .isEqualTo(d.get("slate").get(0).get("id").asText());
    double p0 = d.get("slate").get(0).get("probability").asDouble();
    // ε-greedy over 5 arms: the greedy arm has 0.9 + 0.1/5, any other 0.1/5.
    assertThat(p0).isIn(0.92, 0.02);

    HttpResponse<String> rw = server.post("/v1/events/e-1/reward", "{\"value\":1}");
    assertThat(rw.statusCode()).as(rw.body()).isEqualTo(200);
    assertThat(json(rw).get("inWindow").asBoolean()).isTrue();
    server.service.sync();
    assertThat(server.service.learnedSteps()).isEqualTo(1); // earliest: learned on arrival

    JsonNode event = json(server.get("/v1/events/e-1"));
    assertThat(event.get("rewards")).hasSize(1);
    assertThat(event.get("rewards").get(0).get("value").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aRepeatedEventIdGetsTheStoredDecisionAndTheSameIdDecidesAlikeEverywhere(@TempDir Path other)
      throws Exception {
    String body = "{\"eventId\":\"same\",\"userId\":\"u\",\"slateSize\":5}";
    String first = server.post("/v1/decide", body).body();
    server.post("/v1/events/same/reward", "{\"value\":1}");
    assertThat(server.post("/v1/decide", body).body()).isEqualTo(first);
    try (TestServer fresh = new TestServer(other)) {
      assertThat(fresh.post("/v1/decide", body).body()).isEqualTo(first);
    }
    assertThat(server.service.log().count("decisions")).isEqualTo(1);
  }

  @Test
  void deferredEventsLearnOnlyAfterActivation() throws Exception {
    server.post("/v1/decide", "{\"eventId\":\"d1\",\"userId\":\"u\",\"deferActivation\":true}");
    server.post("/v1/events/d1/reward", "{\"value\":1}");
    server.service.sync();
    assertThat(server.service.learnedSteps()).isZero();
    HttpResponse<String> a = server.post("/v1/events/d1/activate", null);
    assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
    assertThat(server.post("/v1/events/d1/activate", null).body()).isEqualTo(a.body());
    server.post("/v1/events/d1/reward", "{\"value\":0.5}");
    server.service.sync();
    assertThat(server.service.learnedSteps()).isEqualTo(1);
  }

  @Test
  void candidatesExclusionsAndNewActions() throws Exception {
    JsonNode d =
        json(
            server.post(
                "/v1/decide",
                "{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\"},{\"id\":\"b\",\"features\":"
                    + "{\"x\":1}},{\"id\":\"c\"}],\"excluded\":[\"a\",\"c\"]}"));
    assertThat(d.get("rewardActionId").asText()).isEqualTo("b");
    assertThat(d.get("slate").get(0).get("probability").asDouble()).isEqualTo(1.0);
    assertThat(d.get("eventId").asText()).isNotBlank();
    // New actions were registered with stable keys after the five built-in nudges; excluded ones
    // are not registered.
    assertThat(server.service.catalogue().get("b").orElseThrow().key()).isEqualTo(5);
    assertThat(server.service.catalogue().get("a")).isEmpty();
  }

  @Test
  void nudgesAndUsersCrudAndImport() throws Exception {
    HttpResponse<String> put =
        server.send(
            "PUT",
            "/v1/nudges/pay-early",
            "{\"features\":{\"v\":2},\"topic\":\"bills\",\"text\":\"Pay\"}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(server.get("/v1/nudges/pay-early")).get("topic").asText()).isEqualTo("bills");
    assertThat(json(server.get("/v1/nudges"))).hasSize(6);
    assertThat(server.send("DELETE", "/v1/nudges/pay-early", null).statusCode()).isEqualTo(204);
    assertThat(server.get("/v1/nudges/pay-early").statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/v1/nudges/pay-early", null).statusCode()).isEqualTo(404);

    HttpResponse<String> imp =
        server.post(
            "/v1/users/import", "[{\"id\":\"u1\",\"features\":{\"age\":30}},{\"id\":\"u2\"}]");
    assertThat(imp.statusCode()).as(imp.body()).isEqualTo(200);
    assertThat(json(server.get("/v1/users/u1")).get("features").get("age").asDouble())
        .isEqualTo(30);
    assertThat(server.send("DELETE", "/v1/users/u2", null).statusCode()).isEqualTo(204);
    assertThat(server.get("/v1/users/u2").statusCode()).isEqualTo(404);
    assertThat(
            server
                .post("/v1/nudges/import", "[{\"id\":\"n1\"},{\"id\":\"n2\",\"topic\":\"t\"}]")
                .statusCode())
        .isEqualTo(200);
    assertThat(json(server.get("/v1/nudges"))).hasSize(7);
  }

  @Test
  void configIsReadAndChangedAndAPolicyChangeStartsAFreshState() throws Exception {
    JsonNode c = json(server.get("/v1/config"));
    assertThat(c.get("rewardWait").asText()).isEqualTo("PT10M");
    assertThat(c.get("aggregation").asText()).isEqualTo("earliest");
    HttpResponse<String> put =
        server.send(
            "PUT",
            "/v1/config",
            "{\"policy\":\"beta-thompson\",\"params\":{\"alpha\":2},\"aggregation\":\"sum\","
                + "\"learningMode\":\"apprentice\",\"rewardWait\":\"PT30S\"}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    server.service.sync();
    JsonNode d =
        json(
            server.post(
                "/v1/decide",
                "{\"userId\":\"u\",\"baselineActionId\":\"credit-tip\",\"slateSize\":2}"));
    assertThat(d.get("policy").asText()).startsWith("beta-thompson");
    // Apprentice: the application's baseline is served and rewarded.
    assertThat(d.get("rewardActionId").asText()).isEqualTo("credit-tip");
    assertThat(d.get("slate").get(0).get("probability").asDouble()).isEqualTo(1.0);
    assertThat(json(server.get("/v1/models")).get("policy").asText()).startsWith("beta-thompson");
  }

  @Test
  void healthMetricsOpenApiAndExport() throws Exception {
    assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
    server.post("/v1/decide", "{\"eventId\":\"m1\",\"userId\":\"u\"}");
    server.post("/v1/events/m1/reward", "{\"values\":{\"click\":1,\"conversion\":2}}");
    String metrics = server.get("/metrics").body();
    assertThat(metrics)
        .contains("nudge_decisions_total 1.0")
        .contains("nudge_rewards_total 1.0")
        .contains("nudge_http_requests_seconds_bucket{route=\"decide\"")
        .contains("nudge_exploration_share")
        .contains("nudge_shown_total{nudge=")
        .contains("nudge_log_commits_seconds_bucket{le=")
        .contains("nudge_log_commit_writes_count");
    // The decision and the reward each waited for a commit of the event log.
    double commits =
        metrics
            .lines()
            .filter(l -> l.startsWith("nudge_log_commits_seconds_count "))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
            .findFirst()
            .orElseThrow();
    assertThat(commits).isGreaterThanOrEqualTo(2);
    HttpResponse<String> api = server.get("/v1/openapi");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).startsWith("openapi: 3.0.3").contains("/v1/decide:");
    String export = server.get("/v1/log/export").body();
    JsonNode line = JSON.readTree(export.lines().findFirst().orElseThrow());
    assertThat(line.get("format").asText()).isEqualTo("nudge-event-log/1");
    assertThat(line.get("rewards").get(0).get("value").asDouble()).isEqualTo(3.0);
    assertThat(line.get("rewards").get(0).get("objectives").get("conversion").asDouble())
        .isEqualTo(2.0);
  }

  @Test
  void modelsReloadSwapsTheVersion(@TempDir Path models) throws Exception {
    server.close();
    Files.writeString(models.resolve("emb.tsv"), "user\tu1\t1,0\nitem\tround-up\t0.5,0.5\n");
    server =
        new TestServer(
            dir,
            dev.nudge.serve.ServiceConfig.defaults(),
            java.time.InstantSource.system(),
            new HttpApi.Options("127.0.0.1", 0, ApiKeys.open(), 1 << 20, models));
    HttpResponse<String> r = server.post("/v1/models/reload", "{\"path\":\"emb.tsv\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String version = json(r).get("modelVersion").asText();
    assertThat(version).startsWith("emb.tsv@");
    assertThat(json(server.post("/v1/decide", "{\"userId\":\"u1\"}")).get("modelVersion").asText())
        .isEqualTo(version);
    assertThat(server.post("/v1/models/reload", "{\"path\":\"../x\"}").statusCode()).isEqualTo(400);
  }
}
