package dev.nudge.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.serve.ServiceConfig;
import dev.nudge.serve.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reward for a decision whose window is open never reads the log (the metric counting log reads
 * stays at zero); a late or unknown one does, and keeps its answer (stored not learned, 404).
 */
class RewardPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LOG_READS =
      Pattern.compile("(?m)^nudge_rewards_log_reads_total(?:\\{[^}]*\\})? ([0-9.E]+)$");

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

  private double logReads() {
    Matcher m = LOG_READS.matcher(server.get("/metrics").body());
    assertThat(m.find()).as("nudge_rewards_log_reads_total in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private void decide(String id, boolean deferred) {
    assertThat(
            server
                .post(
                    "/v1/decide",
                    "{\"eventId\":\""
                        + id
                        + "\",\"userId\":\"u\",\"deferActivation\":"
                        + deferred
                        + "}")
                .statusCode())
        .isEqualTo(200);
  }

  private boolean reward(String id, int expectedStatus) throws Exception {
    var r = server.post("/v1/events/" + id + "/reward", "{\"value\":1}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
    return expectedStatus == 200 && JSON.readTree(r.body()).get("inWindow").asBoolean();
  }

  @Test
  void rewardsInsideTheWindowAreAnsweredFromMemory() throws Exception {
    for (int i = 0; i < 40; i++) {
      decide("e" + i, false);
      clock.advance(Duration.ofSeconds(1));
    }
    // e0 was decided 40 s ago, inside the 1-minute wait: every reward is learned, none reads.
    for (int i = 0; i < 40; i++) {
      assertThat(reward("e" + i, 200)).as("e" + i).isTrue();
    }
    assertThat(logReads()).isZero();
    server.service.sync();
    assertThat(server.service.learnedSteps()).isEqualTo(40); // earliest: learned on arrival
  }

  @Test
  void lateAndUnknownRewardsReadTheLogAndKeepTheirAnswers() throws Exception {
    decide("late", false);
    clock.advance(Duration.ofSeconds(61));
    decide("fresh", false); // an addition drops what has expired
    assertThat(reward("late", 200)).isFalse();
    assertThat(logReads()).isEqualTo(1);
    reward("never-decided", 404);
    assertThat(logReads()).isEqualTo(2);
    assertThat(reward("fresh", 200)).isTrue();
    assertThat(logReads()).isEqualTo(2);
    server.service.sync();
    assertThat(server.service.log().rewards("late")).hasSize(1);
  }

  @Test
  void aDeferredDecisionIsRewardedFromMemoryBeforeAndAfterActivation() throws Exception {
    decide("d", true);
    assertThat(reward("d", 200)).isFalse(); // before activation: stored, not learned
    clock.advance(Duration.ofSeconds(50));
    assertThat(server.post("/v1/events/d/activate", "").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(50)); // past the decision's wait, inside the window
    decide("other", false);
    assertThat(reward("d", 200)).isTrue();
    assertThat(logReads()).isZero();
    server.service.sync();
    assertThat(server.service.learnedSteps()).isEqualTo(1);
  }

  @Test
  void afterARestartTheReopenedWindowsAreAnsweredFromMemory() throws Exception {
    decide("before", false);
    clock.advance(Duration.ofSeconds(30));
    server.close();
    server =
        new TestServer(
            dir,
            ServiceConfig.defaults().withRewardWait(Duration.ofMinutes(1)),
            clock,
            HttpApi.Options.local(0));
    assertThat(reward("before", 200)).isTrue();
    assertThat(logReads()).isZero();
    server.service.sync();
    assertThat(server.service.learnedSteps()).isEqualTo(1);
  }
}
