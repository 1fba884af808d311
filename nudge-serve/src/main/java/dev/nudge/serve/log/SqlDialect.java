package dev.nudge.serve.log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What differs between the supported databases: column types and connection set-up. */
enum SqlDialect {
  /**
   * SQLite in WAL mode with {@code synchronous=NORMAL}: a commit reaches the WAL file before it
   * returns, so it survives a crash of the process (the OS may lose the last commits on power loss;
   * set {@code synchronous=FULL} in the URL for that).
   */
  SQLITE("BLOB", "DOUBLE PRECISION"),
  /** PostgreSQL: every commit is fsynced by the server. */
  POSTGRES("BYTEA", "DOUBLE PRECISION");

  private final String blob;
  private final String real;

  SqlDialect(String blob, String real) {
    this.blob = blob;
    this.real = real;
  }

  static SqlDialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new IllegalArgumentException(
        "jdbcUrl must start with jdbc:sqlite: or jdbc:postgresql:, got " + jdbcUrl);
  }

  void configure(Connection c) throws SQLException {
    if (this == SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        // Checkpoints run on their own thread (WalCheckpointer), never inside a commit.
        s.execute("PRAGMA wal_autocheckpoint=0");
      }
    }
  }

  /**
   * Brings a log created by an earlier version up to the current schema: columns added since are
   * added (nullable, so old rows read as "absent").
   */
  void migrate(Connection c) throws SQLException {
    try (ResultSet rs = c.getMetaData().getColumns(null, null, "decisions", "user_embedding")) {
      if (rs.next()) {
        return;
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE decisions ADD COLUMN user_embedding TEXT");
    }
  }

  List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS decisions (seq BIGINT NOT NULL, event_id TEXT PRIMARY KEY,"
            + " decided_at BIGINT NOT NULL, user_id TEXT NOT NULL, user_key INTEGER NOT NULL,"
            + " context TEXT NOT NULL, features TEXT NOT NULL, user_embedding TEXT,"
            + " candidates TEXT NOT NULL,"
            + " slate TEXT NOT NULL, reward_arm TEXT NOT NULL, policy TEXT NOT NULL,"
            + " model_version TEXT NOT NULL, mode TEXT NOT NULL, activated_at BIGINT,"
            + " response TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS decisions_seq ON decisions(seq)",
        "CREATE TABLE IF NOT EXISTS rewards (seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL,"
            + " received_at BIGINT NOT NULL, value "
            + real
            + " NOT NULL, objectives TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS rewards_event ON rewards(event_id)",
        "CREATE TABLE IF NOT EXISTS learned (seq BIGINT PRIMARY KEY, event_id TEXT NOT NULL,"
            + " reward "
            + real
            + " NOT NULL, kind TEXT NOT NULL, learned_at BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS learned_event ON learned(event_id)",
        "CREATE TABLE IF NOT EXISTS snapshots (learn_seq BIGINT PRIMARY KEY, policy TEXT NOT NULL,"
            + " taken_at BIGINT NOT NULL, state "
            + blob
            + " NOT NULL)",
        "CREATE TABLE IF NOT EXISTS nudges (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS settings (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
  }
}
