package dev.nudge.serve.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.Policy;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.serve.TestClock;
import dev.nudge.serve.log.ArmRecord;
import dev.nudge.serve.log.DecisionRecord;
import dev.nudge.serve.log.JdbcEventLog;
import dev.nudge.serve.log.LogWrite;
import dev.nudge.serve.log.RewardRecord;
import dev.nudge.serve.log.SlotRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows, aggregation, default rewards, snapshots and recovery, on a hand-moved clock. */
class OnlineLearnerTest {
  @TempDir Path dir;
  final TestClock clock = new TestClock();
  final AtomicReference<LearnSettings> settings =
      new AtomicReference<>(
          new LearnSettings(
              Duration.ofMinutes(1),
              -1,
              LearnSettings.Aggregation.SUM,
              LearnSettings.LearningMode.ONLINE,
              3));
  long seq;

  String url() {
    return "jdbc:sqlite:" + dir.resolve("log.db");
  }

  DecisionRecord decision(JdbcEventLog log, String id, int arm) {
    DecisionRecord d =
        new DecisionRecord(
            ++seq,
            id,
            clock.instant(),
            "u",
            -1,
            "{}",
            new double[] {1, 0},
            null,
            List.of("a", "b"),
            List.of(new SlotRecord(arm == 0 ? "a" : "b", arm, 0.9, 0.5, false)),
            new ArmRecord(arm == 0 ? "a" : "b", arm, null, null, -1),
            "p",
            "none",
            "online",
            clock.instant(),
            "{}");
    log.submit(new LogWrite.Decision(d)).join();
    return d;
  }

  RewardRecord reward(JdbcEventLog log, String id, double v) {
    RewardRecord r = new RewardRecord(++seq, id, clock.instant(), v, Map.of());
    log.submit(new LogWrite.Reward(r)).join();
    return r;
  }

  /** The state a fresh policy reaches by replaying every logged learning step. */
  static byte[] replay(JdbcEventLog log, Policy fresh) {
    log.learnedSince(0, (l, d) -> LearnContexts.learn(fresh, d, l.reward()));
    return SnapshotFormat.state(fresh);
  }

  @Test
  void sumWindowsLearnTheSumAtTheDeadlineAndEmptyOnesTheDefault() {
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      OnlineLearner learner =
          new OnlineLearner(log, new EpsilonGreedyPolicy(0.1), settings::get, clock);
      learner.recover();
      learner.start();
      learner.opened(decision(log, "e1", 0));
      learner.opened(decision(log, "e2", 1));
      learner.rewarded(reward(log, "e1", 0.25));
      learner.rewarded(reward(log, "e1", 0.5));
      learner.sync().join();
      assertThat(learner.learnedSteps()).isZero(); // sum waits for the window to close
      clock.advance(Duration.ofSeconds(61));
      learner.rewarded(reward(log, "e1", 100)); // late: stored, not learned
      learner.sync().join();
      assertThat(learner.learnedSteps()).isEqualTo(2);
      learner.close();
      List<Double> learned = new java.util.ArrayList<>();
      List<String> kinds = new java.util.ArrayList<>();
      log.learnedSince(
          0,
          (l, d) -> {
            learned.add(l.reward());
            kinds.add(d.eventId() + ":" + l.kind());
          });
      assertThat(learned).containsExactly(0.75, -1.0);
      assertThat(kinds).containsExactly("e1:reward", "e2:default");
    }
  }

  @Test
  void whatIsLearnedIsServedAtOnceOnSyncAndWithinThePublishIntervalWithout() throws Exception {
    settings.set(
        new LearnSettings(
            Duration.ofMinutes(1),
            0,
            LearnSettings.Aggregation.EARLIEST,
            LearnSettings.LearningMode.ONLINE,
            1000));
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      OnlineLearner learner =
          new OnlineLearner(log, new EpsilonGreedyPolicy(0.1), settings::get, clock);
      learner.recover();
      learner.start();
      for (int i = 0; i < 20; i++) {
        learner.opened(decision(log, "s" + i, i % 2));
        learner.rewarded(reward(log, "s" + i, i % 3 == 0 ? 1 : 0));
      }
      learner.sync().join();
      byte[] learned = replay(log, new EpsilonGreedyPolicy(0.1));
      assertThat(SnapshotFormat.state(learner.serving())).isEqualTo(learned);
      // Without a sync: a burst of rewards is served once the interval has passed.
      for (int i = 20; i < 40; i++) {
        learner.opened(decision(log, "s" + i, i % 2));
        learner.rewarded(reward(log, "s" + i, 1));
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      // Learned, and every step committed to the log that the replay below reads.
      while (log.sequences().learned() < 40 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(learner.learnedSteps()).isEqualTo(40);
      Thread.sleep(OnlineLearner.PUBLISH_INTERVAL_NANOS / 1_000_000 * 20);
      assertThat(SnapshotFormat.state(learner.serving()))
          .isEqualTo(replay(log, new EpsilonGreedyPolicy(0.1)));
      learner.close();
    }
  }

  @Test
  void earliestLearnsTheFirstRewardAtOnceAndLoggingOnlyLearnsNothing() {
    settings.set(
        new LearnSettings(
            Duration.ofMinutes(1),
            0,
            LearnSettings.Aggregation.EARLIEST,
            LearnSettings.LearningMode.ONLINE,
            100));
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      OnlineLearner learner =
          new OnlineLearner(log, new EpsilonGreedyPolicy(0.1), settings::get, clock);
      learner.recover();
      learner.start();
      learner.opened(decision(log, "e1", 0));
      learner.rewarded(reward(log, "e1", 1));
      learner.rewarded(reward(log, "e1", 7));
      learner.sync().join();
      assertThat(learner.learnedSteps()).isEqualTo(1);
      settings.set(
          new LearnSettings(
              Duration.ofMinutes(1),
              0,
              LearnSettings.Aggregation.EARLIEST,
              LearnSettings.LearningMode.LOGGING_ONLY,
              100));
      learner.opened(decision(log, "e2", 0));
      learner.rewarded(reward(log, "e2", 1));
      clock.advance(Duration.ofMinutes(5));
      learner.sync().join();
      assertThat(learner.learnedSteps()).isEqualTo(1);
      learner.close();
    }
  }

  @Test
  void restartRestoresSnapshotPlusLaterStepsAndClosesExpiredWindows() {
    byte[] live;
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      OnlineLearner learner =
          new OnlineLearner(log, new EpsilonGreedyPolicy(0.1), settings::get, clock);
      learner.recover();
      learner.start();
      for (int i = 0; i < 7; i++) {
        String id = "e" + i;
        learner.opened(decision(log, id, i % 2));
        learner.rewarded(reward(log, id, i % 3));
        clock.advance(Duration.ofSeconds(61));
        learner.sync().join();
      }
      // Two more windows open at the "crash": one rewarded, one not.
      learner.opened(decision(log, "open-1", 0));
      learner.rewarded(reward(log, "open-1", 0.5));
      learner.opened(decision(log, "open-2", 1));
      learner.sync().join();
      assertThat(learner.learnedSteps()).isEqualTo(7);
      live = SnapshotFormat.state(learner.serving());
      // No close(): the last snapshot (every 3 steps) is at step 6, step 7 is only in the log.
    }
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      assertThat(log.latestSnapshot().orElseThrow().learnSeq()).isEqualTo(6);
      OnlineLearner restarted =
          new OnlineLearner(log, new EpsilonGreedyPolicy(0.1), settings::get, clock);
      restarted.recover();
      assertThat(restarted.learnedSteps()).isEqualTo(7);
      assertThat(SnapshotFormat.state(restarted.serving())).isEqualTo(live);
      // The open windows survived; when they close, they are learned as before the crash.
      restarted.start();
      clock.advance(Duration.ofSeconds(61));
      restarted.sync().join();
      restarted.sync().join();
      assertThat(restarted.learnedSteps()).isEqualTo(9);
      restarted.close();
      byte[] now = SnapshotFormat.state(restarted.serving());
      assertThat(replay(log, new EpsilonGreedyPolicy(0.1))).isEqualTo(now);
    }
  }
}
