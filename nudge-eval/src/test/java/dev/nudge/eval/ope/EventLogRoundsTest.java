package dev.nudge.eval.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader of the service's export, on hand-written lines (the test in nudge-cli reads a log
 * written by the service's own exporter).
 */
class EventLogRoundsTest {

  /** One online decision over a, b, c that served {@code shown} with {@code p}. */
  static String line(String event, String shown, int key, double p, String learned) {
    return """
        {"format":"nudge-event-log/1","seq":1,"eventId":"%s","decidedAt":"2026-11-23T12:00:00Z",\
        "userId":"u1","userKey":3,"context":{"hour":9},"features":[0.5,1.0],\
        "candidates":["a","b","c"],\
        "slate":[{"id":"%s","key":%d,"probability":%s,"score":1.0,"explored":false}],\
        "rewardActionId":"%s","policy":"epsilon-greedy(epsilon=0.1)","modelVersion":"none",\
        "mode":"online","activatedAt":"2026-11-23T12:00:00Z",\
        "rewards":[{"receivedAt":"2026-11-23T12:00:03Z","value":1.0,"objectives":{}}],\
        "learned":%s}"""
        .formatted(event, shown, key, p, shown, learned);
  }

  private static Path write(Path dir, String... lines) throws Exception {
    Path file = dir.resolve("log.jsonl");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void readsActionsPropensitiesRewardsAndKeys(@TempDir Path dir) throws Exception {
    Path file =
        write(
            dir,
            line("e1", "b", 7, 0.9, "{\"seq\":1,\"reward\":1.0,\"kind\":\"reward\"}"),
            "",
            line("e2", "c", 2, 0.05, "{\"seq\":2,\"reward\":0.0,\"kind\":\"default\"}"),
            // Nothing learned (logging-only, say): the listed rewards are summed.
            line("e3", "b", 7, 0.5, "null"));
    assertThat(EventLogRounds.isEventLog(file)).isTrue();

    EventLogRounds.Read read = EventLogRounds.read(file);

    assertThat(read.notActivated()).isZero();
    assertThat(read.policies()).containsExactly("epsilon-greedy(epsilon=0.1)");
    List<LoggedRound> rounds = read.rounds();
    assertThat(rounds).hasSize(3);
    LoggedRound first = rounds.get(0);
    assertThat(first.action()).isEqualTo(1);
    assertThat(first.propensity()).isEqualTo(0.9);
    assertThat(first.reward()).isEqualTo(1.0);
    assertThat(first.context().eventId()).isEqualTo("e1");
    assertThat(first.context().userKey()).isEqualTo(3);
    assertThat(first.context().features()).containsExactly(0.5, 1.0);
    // b and c keep their logged keys; a, never shown, gets the next free key (8).
    assertThat(first.context().candidates())
        .extracting(a -> a.id() + "=" + a.key())
        .containsExactly("a=8", "b=7", "c=2");
    assertThat(rounds.get(1).action()).isEqualTo(2);
    assertThat(rounds.get(1).propensity()).isEqualTo(0.05);
    assertThat(rounds.get(1).reward()).isEqualTo(0.0);
    assertThat(rounds.get(2).reward()).isEqualTo(1.0);
  }

  @Test
  void apprenticeDecisionsServeTheBaselineForCertainAndUnshownOnesAreSkipped(@TempDir Path dir)
      throws Exception {
    String apprentice =
        line("e1", "b", 1, 0.4, "null")
            .replace("\"rewardActionId\":\"b\"", "\"rewardActionId\":\"a\"")
            .replace("\"mode\":\"online\"", "\"mode\":\"apprentice\"");
    String deferred =
        line("e2", "c", 2, 0.3, "null")
            .replace("\"activatedAt\":\"2026-11-23T12:00:00Z\"", "\"activatedAt\":null");
    EventLogRounds.Read read = EventLogRounds.read(write(dir, apprentice, deferred));
    assertThat(read.notActivated()).isEqualTo(1);
    assertThat(read.rounds()).hasSize(1);
    assertThat(read.rounds().get(0).action()).isZero();
    assertThat(read.rounds().get(0).propensity()).isEqualTo(1.0);
  }

  @Test
  void badLinesAreNamedByFileLineAndField(@TempDir Path dir) throws Exception {
    String ok = line("e1", "b", 1, 0.5, "null");
    assertBad(dir, "log.jsonl:2", "not valid JSON", ok, "{\"format\":");
    assertBad(
        dir,
        "log.jsonl:1",
        "format",
        ok.replace("nudge-event-log/1", "nudge-event-log/9"),
        "nudge-event-log/1");
    assertBad(dir, "log.jsonl:1", "slate[0].probability", line("e1", "b", 1, 0.0, "null"));
    assertBad(
        dir,
        "log.jsonl:1",
        "rewardActionId",
        ok.replace("\"rewardActionId\":\"b\"", "\"rewardActionId\":\"z\""));
    assertBad(dir, "log.jsonl:1", "features[1]", ok.replace("[0.5,1.0]", "[0.5,\"x\"]"));
    assertBad(dir, "log.jsonl:1", "userKey", ok.replace("\"userKey\":3", "\"userKey\":\"3\""));
    assertBad(dir, "log.jsonl:2", "already logged at line 1", ok, ok);
    assertBad(dir, "log.jsonl:2", "key 1 at line 1", ok, line("e2", "b", 4, 0.5, "null"));
    assertBad(dir, "log.jsonl:1", "one JSON object", "[1, 2]");
    assertBad(dir, "log.jsonl", "no decision", "", " ");
    assertThat(EventLogRounds.isEventLog(write(dir, "{\"a\":1}"))).isFalse();
    assertThat(EventLogRounds.isEventLog(dir)).isFalse();
  }

  private static void assertBad(Path dir, String where, String reason, String... lines)
      throws Exception {
    Path file = write(dir, lines);
    assertThatThrownBy(() -> EventLogRounds.read(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(where)
        .hasMessageContaining(reason);
  }
}
