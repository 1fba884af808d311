package dev.nudge.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.serve.ServiceConfig;
import dev.nudge.serve.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and mistaken requests: each gets a 4xx problem naming the field, never a 5xx. */
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Integer> STATUSES = new ArrayList<>();

  @TempDir Path dir;
  TestServer server;
  TestClock clock;

  @BeforeEach
  void start() {
    clock = new TestClock();
    server =
        new TestServer(
            dir,
            ServiceConfig.defaults().withRewardWait(Duration.ofMinutes(1)),
            clock,
            HttpApi.Options.local(0));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @AfterAll
  static void noServerErrors() {
    assertThat(STATUSES).isNotEmpty().allMatch(s -> s < 500);
  }

  private HttpResponse<String> call(String method, String path, String body) {
    HttpResponse<String> r = server.send(method, path, body);
    synchronized (STATUSES) {
      STATUSES.add(r.statusCode());
    }
    return r;
  }

  static Stream<Arguments> badDecides() {
    return Stream.of(
        Arguments.of("{", "body"),
        Arguments.of("not json", "body"),
        Arguments.of("", "body"),
        Arguments.of("[]", "body"),
        Arguments.of("{\"userId\":\"u\"} trailing", "body"),
        Arguments.of("{}", "userId"),
        Arguments.of("{\"userId\":42}", "userId"),
        Arguments.of("{\"userId\":\"has space\"}", "userId"),
        Arguments.of("{\"userId\":\"u\",\"eventId\":\"" + "x".repeat(200) + "\"}", "eventId"),
        Arguments.of("{\"userId\":\"u\",\"bogus\":1}", "bogus"),
        Arguments.of("{\"userId\":\"u\",\"context\":[1]}", "context"),
        Arguments.of("{\"userId\":\"u\",\"slateSize\":0}", "slateSize"),
        Arguments.of("{\"userId\":\"u\",\"slateSize\":1.5}", "slateSize"),
        Arguments.of("{\"userId\":\"u\",\"slateSize\":\"2\"}", "slateSize"),
        Arguments.of("{\"userId\":\"u\",\"slateSize\":9}", "slateSize"),
        Arguments.of("{\"userId\":\"u\",\"candidates\":{}}", "candidates"),
        Arguments.of("{\"userId\":\"u\",\"candidates\":[{}]}", "candidates[0].id"),
        Arguments.of(
            "{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\"},{\"id\":\"a\"}]}",
            "candidates[1].id"),
        Arguments.of(
            "{\"userId\":\"u\",\"candidates\":[{\"id\":\"savings-goal\"},{\"id\":\"b\"},"
                + "{\"id\":\"savings-goal\"}]}",
            "candidates[2].id"),
        Arguments.of(
            "{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\"},{\"id\":\"x\"},{\"id\":\"x\"}],"
                + "\"excluded\":[\"x\"]}",
            "candidates[2].id"),
        Arguments.of(
            "{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\",\"features\":{\"f\":\"x\"}}]}",
            "candidates[0].features.f"),
        Arguments.of(
            "{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\"}],\"excluded\":[\"a\"]}", "excluded"),
        Arguments.of("{\"userId\":\"u\",\"excluded\":[1]}", "excluded[0]"),
        Arguments.of("{\"userId\":\"u\",\"deferActivation\":\"yes\"}", "deferActivation"),
        Arguments.of("{\"userId\":\"u\",\"baselineActionId\":\"nope\"}", null));
  }

  @ParameterizedTest
  @MethodSource("badDecides")
  void badDecideBodiesAre400ProblemsNamingTheField(String body, String field) throws Exception {
    if (field == null) {
      // Only invalid in apprentice mode; online mode ignores the baseline.
      assertThat(call("POST", "/v1/decide", body).statusCode()).isEqualTo(200);
      return;
    }
    HttpResponse<String> r = call("POST", "/v1/decide", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(400);
    assertThat(p.get("field").asText()).isEqualTo(field);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void hugeBodiesAreRejectedWith413() {
    String huge = "{\"userId\":\"u\",\"context\":{\"pad\":\"" + "x".repeat(2 << 20) + "\"}}";
    HttpResponse<String> r = call("POST", "/v1/decide", huge);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(call("GET", "/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownIdsAre404() throws Exception {
    HttpResponse<String> r = call("POST", "/v1/events/never/reward", "{\"value\":1}");
    assertThat(r.statusCode()).isEqualTo(404); // reward before decide
    assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("never");
    assertThat(call("POST", "/v1/events/never/activate", null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/events/never", null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/nudges/never", null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/users/never", null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/no/such/route", null).statusCode()).isEqualTo(404);
  }

  @Test
  void badRewardsAre400() throws Exception {
    call("POST", "/v1/decide", "{\"eventId\":\"r\",\"userId\":\"u\"}");
    for (String[] c :
        new String[][] {
          {"{}", "value"},
          {"{\"value\":\"1\"}", "value"},
          {"{\"value\":1,\"values\":{\"a\":1}}", "value"},
          {"{\"values\":{}}", "values"},
          {"{\"values\":{\"a\":null}}", "values.a"},
          {"{\"value\":1e999}", "value"},
          {"{\"value\":1,\"extra\":true}", "extra"},
        }) {
      HttpResponse<String> r = call("POST", "/v1/events/r/reward", c[0]);
      assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("field").asText()).as(c[0]).isEqualTo(c[1]);
    }
    server.send("PUT", "/v1/config", "{\"objectiveWeights\":{\"click\":1}}");
    HttpResponse<String> r = call("POST", "/v1/events/r/reward", "{\"values\":{\"buy\":1}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("values.buy");
  }

  @Test
  void badConfigIsRejectedAndTheOldConfigStays() throws Exception {
    String before = call("GET", "/v1/config", null).body();
    for (String[] c :
        new String[][] {
          {"{\"exploration\":2}", "exploration"},
          {"{\"rewardWait\":\"10 minutes\"}", "rewardWait"},
          {"{\"rewardWait\":\"PT0S\"}", "rewardWait"},
          {"{\"aggregation\":\"max\"}", "aggregation"},
          {"{\"learningMode\":\"offline\"}", "learningMode"},
          {"{\"policy\":\"nope\"}", "policy"},
          {"{\"params\":{\"zeta\":1}}", "params.zeta"},
          {"{\"contextDimensions\":64}", "contextDimensions"},
          {"{\"slateSize\":-1}", "slateSize"},
        }) {
      HttpResponse<String> r = call("PUT", "/v1/config", c[0]);
      assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("field").asText()).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(call("GET", "/v1/config", null).body()).isEqualTo(before);
  }

  @Test
  void doubleRewardIsStoredButLearnedOnceUnderEarliest() throws Exception {
    call("POST", "/v1/decide", "{\"eventId\":\"twice\",\"userId\":\"u\"}");
    assertThat(call("POST", "/v1/events/twice/reward", "{\"value\":1}").statusCode())
        .isEqualTo(200);
    assertThat(call("POST", "/v1/events/twice/reward", "{\"value\":5}").statusCode())
        .isEqualTo(200);
    server.service.sync();
    assertThat(server.service.learnedSteps()).isEqualTo(1);
    assertThat(server.service.log().rewards("twice")).hasSize(2);
  }

  @Test
  void rewardsAfterTheWindowAreStoredNotLearnedAndTheDefaultIsLearned() throws Exception {
    call("POST", "/v1/decide", "{\"eventId\":\"late\",\"userId\":\"u\"}");
    clock.advance(Duration.ofMinutes(2));
    HttpResponse<String> r = call("POST", "/v1/events/late/reward", "{\"value\":1}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("inWindow").asBoolean()).isFalse();
    server.service.sync();
    // The window closed without a reward in it: the default reward (0) was learned.
    assertThat(server.service.learnedSteps()).isEqualTo(1);
    String export = call("GET", "/v1/log/export", null).body();
    JsonNode line = JSON.readTree(export.strip());
    assertThat(line.get("learned").get("kind").asText()).isEqualTo("default");
    assertThat(line.get("learned").get("reward").asDouble()).isZero();
    assertThat(line.get("rewards")).hasSize(1);
  }

  @Test
  void apiKeysGuardScopes(@TempDir Path other) {
    String writer = "w".repeat(24);
    String reader = "r".repeat(24);
    try (TestServer secured =
        new TestServer(
            other,
            ServiceConfig.defaults(),
            clock,
            new HttpApi.Options(
                "127.0.0.1", 0, ApiKeys.of(List.of(writer, reader + ":read")), 1 << 20, null))) {
      assertThat(secured.post("/v1/decide", "{\"userId\":\"u\"}").statusCode()).isEqualTo(401);
      secured.apiKey = "w".repeat(23) + "x";
      assertThat(secured.post("/v1/decide", "{\"userId\":\"u\"}").statusCode()).isEqualTo(401);
      secured.apiKey = reader;
      assertThat(secured.post("/v1/decide", "{\"userId\":\"u\"}").statusCode()).isEqualTo(403);
      assertThat(secured.get("/v1/config").statusCode()).isEqualTo(200);
      secured.apiKey = writer;
      assertThat(secured.post("/v1/decide", "{\"userId\":\"u\"}").statusCode()).isEqualTo(200);
      secured.apiKey = null;
      assertThat(secured.get("/health/live").statusCode()).isEqualTo(200);
    }
  }
}
