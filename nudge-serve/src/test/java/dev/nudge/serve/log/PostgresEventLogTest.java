package dev.nudge.serve.log;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract on a real PostgreSQL server, as started by {@code .ci/postgres.sh}. The URL comes
 * from the environment variable {@code NUDGE_TEST_POSTGRES_URL} or the system property {@code
 * nudge.test.postgres.url}. Without one the test is skipped locally, but fails when {@code
 * CI=true}: CI must not silently lose the PostgreSQL coverage.
 */
class PostgresEventLogTest extends EventLogContract {
  static final String ENV = "NUDGE_TEST_POSTGRES_URL";

  static String configuredUrl() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      url = System.getProperty("nudge.test.postgres.url");
    }
    return url == null || url.isBlank() ? null : url;
  }

  @BeforeEach
  void emptyDatabase() throws Exception {
    String url = configuredUrl();
    if (url == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(ENV + " is not set but CI=true: run .ci/postgres.sh before the build");
      }
      Assumptions.abort(ENV + " not set; start a server with .ci/postgres.sh to run this test");
    }
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String table :
          new String[] {
            "decisions", "rewards", "learned", "snapshots", "nudges", "users", "settings"
          }) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  @Override
  String url() {
    return configuredUrl();
  }
}
