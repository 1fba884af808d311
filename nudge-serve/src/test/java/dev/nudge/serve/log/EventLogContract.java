package dev.nudge.serve.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.serve.BankingNudges;
import dev.nudge.serve.DecideRequest;
import dev.nudge.serve.NudgeService;
import dev.nudge.serve.RequestJson;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every event log backend must do; subclasses give a fresh, empty database URL. */
abstract class EventLogContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A JDBC URL of an empty database. */
  abstract String url();

  static DecisionRecord decision(long seq, String id, Instant at) {
    return new DecisionRecord(
        seq,
        id,
        at,
        "user-1",
        4,
        "{\"hour\":9}",
        new double[] {0.5, -1},
        new float[] {0.25f, -0.125f, 1e-7f},
        List.of("a", "b", "c"),
        List.of(new SlotRecord("b", 1, 0.92, 0.7, false), new SlotRecord("a", 0, 0.05, null, true)),
        new ArmRecord("b", 1, new float[] {0.1f, 0.2f, 0.3f}, new double[] {1, 2}, 3),
        "epsilon-greedy(epsilon=0.1)",
        "none",
        "online",
        null,
        "{\"eventId\":\"" + id + "\"}");
  }

  @Test
  void decisionsRewardsAndStepsRoundTrip() throws Exception {
    Instant t = Instant.parse("2026-11-23T12:00:00.123456Z");
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      log.submit(new LogWrite.Decision(decision(1, "e1", t))).join();
      log.submit(new LogWrite.Decision(decision(2, "e2", t))).join();
      assertThat(log.unlearned()).isEmpty(); // nothing activated yet
      log.submit(new LogWrite.Activation("e1", t.plusSeconds(1))).join();
      log.submit(
              new LogWrite.Reward(
                  new RewardRecord(1, "e1", t.plusSeconds(2), 3, Map.of("click", 1.0, "buy", 1.0))))
          .join();
      log.submit(new LogWrite.Reward(new RewardRecord(2, "e1", t.plusSeconds(3), 0.5, Map.of())))
          .join();

      DecisionRecord e1 = log.decision("e1").orElseThrow();
      assertThat(e1.decidedAt()).isEqualTo(t);
      assertThat(e1.activatedAt()).isEqualTo(t.plusSeconds(1));
      assertThat(e1.features()).containsExactly(0.5, -1);
      assertThat(e1.slate()).hasSize(2);
      assertThat(e1.slate().get(1).score()).isNull();
      assertThat(e1.rewardArm().features()).containsExactly(1, 2);
      // Vectors round-trip bit for bit: replay learns from exactly what the decision used.
      assertThat(e1.userEmbedding()).containsExactly(0.25f, -0.125f, 1e-7f);
      assertThat(e1.rewardArm().embedding()).containsExactly(0.1f, 0.2f, 0.3f);
      assertThat(log.decision("nope")).isEmpty();
      assertThat(log.rewards("e1")).extracting(RewardRecord::value).containsExactly(3.0, 0.5);
      assertThat(log.unlearned()).extracting(DecisionRecord::eventId).containsExactly("e1");

      log.submit(new LogWrite.Learned(new LearnRecord(1, "e1", 3, "reward", t.plusSeconds(2))))
          .join();
      log.submit(new LogWrite.Snapshot(new SnapshotRecord(1, "p", t, new byte[] {1, 2, 3}))).join();
      assertThat(log.unlearned()).isEmpty();
      assertThat(log.latestSnapshot().orElseThrow().state()).containsExactly(1, 2, 3);
      assertThat(log.sequences()).isEqualTo(new EventLog.Sequences(2, 2, 1));
      int[] visited = {0};
      log.learnedSince(
          0,
          (l, d) -> {
            visited[0]++;
            assertThat(d.eventId()).isEqualTo("e1");
          });
      assertThat(visited[0]).isEqualTo(1);

      StringWriter out = new StringWriter();
      log.exportJsonl(out);
      List<String> lines = out.toString().lines().toList();
      assertThat(lines).hasSize(2);
      JsonNode first = JSON.readTree(lines.get(0));
      assertThat(first.get("format").asText()).isEqualTo(JsonlExport.FORMAT);
      assertThat(first.get("slate").get(0).get("probability").asDouble()).isEqualTo(0.92);
      assertThat(first.get("rewards")).hasSize(2);
      assertThat(first.get("learned").get("reward").asDouble()).isEqualTo(3.0);
      assertThat(JSON.readTree(lines.get(1)).get("learned").isNull()).isTrue();
    }
  }

  @Test
  void theExportGivesEachDecisionItsOwnRewardsAndStep() throws Exception {
    Instant t = Instant.parse("2026-11-23T12:00:00Z");
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      // Event ids sort against decision order, and rewards arrive out of decision order.
      String[] ids = {"z", "m", "a", "q"};
      for (int i = 0; i < ids.length; i++) {
        log.submit(new LogWrite.Decision(decision(i + 1, ids[i], t))).join();
      }
      String[] rewarded = {"q", "z", "q", "z"};
      double[] values = {3, 1, 4, 2};
      for (int i = 0; i < rewarded.length; i++) {
        log.submit(
                new LogWrite.Reward(
                    new RewardRecord(i + 1, rewarded[i], t.plusSeconds(i), values[i], Map.of())))
            .join();
      }
      log.submit(new LogWrite.Learned(new LearnRecord(1, "q", 7, "reward", t.plusSeconds(9))))
          .join();
      log.submit(new LogWrite.Learned(new LearnRecord(2, "m", 0, "default", t.plusSeconds(9))))
          .join();

      StringWriter out = new StringWriter();
      log.exportJsonl(out);
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.toString().lines().toList()) {
        lines.add(JSON.readTree(line));
      }
      assertThat(lines).extracting(l -> l.get("eventId").asText()).containsExactly(ids);
      assertThat(lines.get(0).get("rewards").findValuesAsText("value"))
          .containsExactly("1.0", "2.0");
      assertThat(lines.get(1).get("rewards")).isEmpty();
      assertThat(lines.get(1).get("learned").get("kind").asText()).isEqualTo("default");
      assertThat(lines.get(2).get("rewards")).isEmpty();
      assertThat(lines.get(2).get("learned").isNull()).isTrue();
      assertThat(lines.get(3).get("rewards").findValuesAsText("value"))
          .containsExactly("3.0", "4.0");
      assertThat(lines.get(3).get("learned").get("reward").asDouble()).isEqualTo(7.0);
    }
  }

  @Test
  void aRewardTargetIsTheRewardedNudgeAndTheWindowStart() {
    Instant t = Instant.parse("2026-11-23T12:00:00.123456Z");
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      log.submit(new LogWrite.Decision(decision(1, "deferred", t))).join();
      log.submit(new LogWrite.Decision(decision(2, "active", t))).join();
      log.submit(new LogWrite.Activation("active", t.plusSeconds(1))).join();
      assertThat(log.rewardTarget("deferred")).contains(new EventLog.RewardTarget("b", null));
      assertThat(log.rewardTarget("active"))
          .contains(new EventLog.RewardTarget("b", t.plusSeconds(1)));
      assertThat(log.rewardTarget("missing")).isEmpty();
    }
  }

  @Test
  void aFailedWriteIsReportedAndTheLogKeepsWorking() {
    Instant t = Instant.parse("2026-11-23T12:00:00Z");
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      log.submit(new LogWrite.Decision(decision(1, "dup", t))).join();
      // Queued together, so likely one transaction: only the duplicate may fail.
      var bad = log.submit(new LogWrite.Decision(decision(2, "dup", t)));
      var good = log.submit(new LogWrite.Decision(decision(3, "ok", t)));
      assertThat(bad).failsWithin(java.time.Duration.ofSeconds(10));
      assertThat(good).succeedsWithin(java.time.Duration.ofSeconds(10));
      assertThat(log.count("decisions")).isEqualTo(2);
    }
  }

  @Test
  void documentsArePutReplacedAndDeleted() {
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.USER, "u", "{\"v\":1}")).join();
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.USER, "u", "{\"v\":2}")).join();
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.USER, "w", "{}")).join();
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.USER, "w", null)).join();
      assertThat(log.documents(LogWrite.DocumentKind.USER))
          .containsExactly(Map.entry("u", "{\"v\":2}"));
    }
  }

  @Test
  void aServiceOnThisLogRestartsIntoTheSameState() {
    String digest;
    long steps;
    try (NudgeService s =
        NudgeService.open(NudgeService.Settings.of(url(), BankingNudges.five()))) {
      for (int i = 0; i < 30; i++) {
        DecideRequest r =
            RequestJson.decide(
                RequestJson.parse(
                    "{\"eventId\":\"s" + i + "\",\"userId\":\"u\",\"context\":{\"i\":" + i + "}}"));
        s.decisions().decide(r);
        s.decisions().reward("s" + i, Map.of("", i % 4 == 0 ? 1.0 : 0.0));
      }
      s.sync();
      digest = s.stateDigest();
      steps = s.learnedSteps();
      assertThat(steps).isEqualTo(30);
    }
    try (NudgeService s = NudgeService.open(NudgeService.Settings.of(url(), List.of()))) {
      assertThat(s.learnedSteps()).isEqualTo(steps);
      assertThat(s.stateDigest()).isEqualTo(digest);
      assertThat(s.catalogue().active()).hasSize(5); // restored from the log, not the settings
    }
  }
}
