package dev.nudge.serve.log;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default: a SQLite file in WAL mode. */
class SqliteEventLogTest extends EventLogContract {
  @TempDir Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("log.db");
  }
}
