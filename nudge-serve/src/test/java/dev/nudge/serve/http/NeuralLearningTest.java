package dev.nudge.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.bandit.Policy;
import dev.nudge.serve.EmbeddingModel;
import dev.nudge.serve.PolicyFactory;
import dev.nudge.serve.ServiceConfig;
import dev.nudge.serve.learn.LearnContexts;
import dev.nudge.serve.learn.SnapshotFormat;
import dev.nudge.serve.log.DecisionRecord;
import dev.nudge.serve.log.JdbcEventLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A neural policy learns in the service: S-N-GALM-UCB on a tiny model (one-hot item vectors, plus
 * one nudge and one user the model does not know, which get hashed vectors) against a fixed reward
 * rule. Its chosen nudges' reward rate must rise from round to round, and a restart must restore
 * exactly the state a replay of the log gives.
 */
class NeuralLearningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WIDTH = 8;
  private static final Set<String> REWARDED = Set.of("n3", "n6");
  private static final String POLICY = "s-n-galm-ucb(d1=" + WIDTH + ")";

  @TempDir Path dir;

  /** Items n0..n7 one-hot; users u0..u5 on two directions. */
  static EmbeddingModel tinyModel() {
    Map<String, float[]> items = new HashMap<>();
    for (int i = 0; i < WIDTH; i++) {
      float[] x = new float[WIDTH];
      x[i] = 1;
      items.put("n" + i, x);
    }
    Map<String, float[]> users = new HashMap<>();
    for (int u = 0; u < 6; u++) {
      float[] z = new float[WIDTH];
      z[u % 2] = 0.8f;
      z[2 + u % 3] = 0.6f;
      users.put("u" + u, z);
    }
    return new EmbeddingModel("tiny@test", WIDTH, users, items);
  }

  private static String candidates() {
    List<String> c = new ArrayList<>();
    for (int i = 0; i < WIDTH; i++) {
      c.add("{\"id\":\"n" + i + "\"}");
    }
    c.add("{\"id\":\"fresh\",\"features\":{\"price\":2}}"); // unknown to the model: hashed
    return "[" + String.join(",", c) + "]";
  }

  private static ServiceConfig config() {
    return ServiceConfig.defaults().withPolicy(POLICY).withSnapshotEvery(25);
  }

  /**
   * One round: every decision first, then every reward by the fixed rule (as when rewards arrive
   * after the round), so a round decides on what was learned before it.
   *
   * @return the share of rewarded choices
   */
  private static double round(TestServer server, int round, int decisions) throws Exception {
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < decisions; i++) {
      String user = i % 7 == 6 ? "stranger" : "u" + (i % 6); // "stranger": hashed user vector
      HttpResponse<String> d =
          server.post(
              "/v1/decide",
              "{\"eventId\":\"r"
                  + round
                  + "-"
                  + i
                  + "\",\"userId\":\""
                  + user
                  + "\",\"context\":{\"hour\":"
                  + (i % 24)
                  + "},\"candidates\":"
                  + candidates()
                  + "}");
      assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
      chosen.add(JSON.readTree(d.body()).get("rewardActionId").asText());
    }
    int rewarded = 0;
    for (int i = 0; i < decisions; i++) {
      int value = REWARDED.contains(chosen.get(i)) ? 1 : 0;
      rewarded += value;
      HttpResponse<String> r =
          server.post("/v1/events/r" + round + "-" + i + "/reward", "{\"value\":" + value + "}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    server.service.sync();
    return rewarded / (double) decisions;
  }

  @Test
  void sNGalmUcbLearnsOverHttpAndARestartRestoresTheReplayedState() throws Exception {
    int rounds = 10;
    int perRound = 12;
    double[] rate = new double[rounds];
    String served;
    try (TestServer server =
        new TestServer(
            dir, config(), tinyModel(), InstantSource.system(), HttpApi.Options.local(0))) {
      for (int k = 0; k < rounds; k++) {
        rate[k] = round(server, k, perRound);
      }
      JsonNode models = JSON.readTree(server.get("/v1/models").body());
      assertThat(models.get("policy").asText()).startsWith("s-n-galm-ucb(");
      assertThat(models.get("learnedSteps").asLong()).isEqualTo((long) rounds * perRound);
      served = models.get("stateSha256").asText();
    }
    // Untrained, every decision of round 0 picks the same unrewarded nudge (ties go to n0);
    // once learned, the rewarded nudges are chosen.
    assertThat(rate[0]).as("first round %s", java.util.Arrays.toString(rate)).isLessThan(0.2);
    double late = (rate[rounds - 1] + rate[rounds - 2] + rate[rounds - 3]) / 3;
    assertThat(late).as("last rounds %s", java.util.Arrays.toString(rate)).isGreaterThan(0.9);

    try (TestServer again =
        new TestServer(
            dir, config(), tinyModel(), InstantSource.system(), HttpApi.Options.local(0))) {
      JsonNode models = JSON.readTree(again.get("/v1/models").body());
      assertThat(models.get("stateSha256").asText()).isEqualTo(served);
    }
    try (JdbcEventLog log = JdbcEventLog.open("jdbc:sqlite:" + dir.resolve("log.db"))) {
      Policy fresh = PolicyFactory.builtIn().create(config());
      int[] learnable = {0};
      log.learnedSince(
          0,
          (l, d) -> {
            assertThat(d.rewardArm().embedding()).hasSize(WIDTH);
            assertThat(d.userEmbedding()).hasSize(WIDTH);
            learnable[0] += LearnContexts.learn(fresh, d, l.reward()) ? 1 : 0;
          });
      assertThat(learnable[0]).isEqualTo(rounds * perRound);
      assertThat(sha256(SnapshotFormat.state(fresh))).isEqualTo(served);
      DecisionRecord first = log.decision("r0-0").orElseThrow();
      assertThat(first.rewardArm().embedding())
          .containsExactly(tinyModel().item(first.rewardArm().id()));
      assertThat(first.userEmbedding()).containsExactly(tinyModel().user("u0"));
    }
  }

  @Test
  void aPolicyWidthThatDiffersFromTheModelIsAConflictNotAServerError() throws Exception {
    ServiceConfig wrong = ServiceConfig.defaults().withPolicy("s-n-galm-ucb(d1=4)");
    try (TestServer server =
        new TestServer(dir, wrong, tinyModel(), InstantSource.system(), HttpApi.Options.local(0))) {
      HttpResponse<String> d =
          server.post("/v1/decide", "{\"userId\":\"u1\",\"candidates\":" + candidates() + "}");
      assertThat(d.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(d.body()).get("field").asText()).isEqualTo("policy");
      assertThat(d.body()).contains("d1 is 4").contains("8-dimensional");
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }
}
