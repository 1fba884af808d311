package dev.nudge.serve.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default: a SQLite file in WAL mode. */
class SqliteEventLogTest extends EventLogContract {
  @TempDir Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("log.db");
  }

  @Test
  void theWalIsCheckpointedBesideTheWriter() throws Exception {
    Path db = dir.resolve("log.db");
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      long before = Files.size(db);
      Instant t = Instant.parse("2026-11-23T12:00:00Z");
      for (int i = 1; i <= 400; i++) {
        log.submit(new LogWrite.Decision(decision(i, "e" + i, t)));
      }
      log.submit(new LogWrite.Decision(decision(401, "e401", t))).join();
      // The writer never checkpoints (wal_autocheckpoint=0): the rows reach the database file
      // only through the checkpoint thread, within a few of its intervals.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (Files.size(db) <= before + 100 * 1024 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Files.size(db)).isGreaterThan(before + 100 * 1024);
      assertThat(log.decision("e400")).isPresent();
    }
  }

  @Test
  void commitsAndCheckpointsAreReportedToTheObserver() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger commits = new AtomicInteger();
    AtomicLong checkpoints = new AtomicLong();
    LogObserver observer =
        new LogObserver() {
          @Override
          public void committed(int n, long nanos) {
            assertThat(n).isPositive();
            assertThat(nanos).isPositive();
            writes.addAndGet(n);
            commits.incrementAndGet();
          }

          @Override
          public void checkpointed(long nanos) {
            checkpoints.incrementAndGet();
          }
        };
    try (JdbcEventLog log = JdbcEventLog.open(url(), observer)) {
      Instant t = Instant.parse("2026-11-23T12:00:00Z");
      for (int i = 1; i < 50; i++) {
        log.submit(new LogWrite.Decision(decision(i, "e" + i, t)));
      }
      log.submit(new LogWrite.Decision(decision(50, "e50", t))).join();
      // Every write is counted once, however the writer grouped them into transactions.
      assertThat(writes.get()).isEqualTo(50);
      assertThat(commits.get()).isBetween(1, 50);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (checkpoints.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(checkpoints.get()).isPositive();
    }
  }

  @Test
  void aLogFromBeforeTheUserEmbeddingColumnIsMigrated() throws Exception {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE decisions (seq BIGINT NOT NULL, event_id TEXT PRIMARY KEY,"
              + " decided_at BIGINT NOT NULL, user_id TEXT NOT NULL, user_key INTEGER NOT NULL,"
              + " context TEXT NOT NULL, features TEXT NOT NULL, candidates TEXT NOT NULL,"
              + " slate TEXT NOT NULL, reward_arm TEXT NOT NULL, policy TEXT NOT NULL,"
              + " model_version TEXT NOT NULL, mode TEXT NOT NULL, activated_at BIGINT,"
              + " response TEXT NOT NULL)");
      s.execute(
          "INSERT INTO decisions VALUES (1, 'old', 0, 'u', -1, '{}', '[1.0]', '[\"a\"]',"
              + " '[{\"id\":\"a\",\"key\":0,\"probability\":1.0,\"score\":null,\"explored\":false}]',"
              + " '{\"id\":\"a\",\"key\":0,\"features\":[],\"topic\":-1}', 'p', 'none', 'online',"
              + " 0, '{}')");
    }
    try (JdbcEventLog log = JdbcEventLog.open(url())) {
      DecisionRecord old = log.decision("old").orElseThrow();
      assertThat(old.userEmbedding()).isEmpty();
      assertThat(old.rewardArm().embedding()).isEmpty();
      log.submit(new LogWrite.Decision(decision(2, "new", Instant.EPOCH))).join();
      assertThat(log.decision("new").orElseThrow().userEmbedding()).hasSize(3);
    }
  }
}
