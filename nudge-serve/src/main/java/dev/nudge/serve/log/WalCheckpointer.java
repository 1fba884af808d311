package dev.nudge.serve.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves SQLite's write-ahead log into the database file from its own thread and connection, so that
 * the writer never does it. With SQLite's automatic checkpoint (every 1,000 pages, about 1,000
 * decisions) the commit that crosses the threshold copies the WAL and syncs the file while every
 * queued request waits on it: a latency spike several times a second under load. A PASSIVE
 * checkpoint runs beside the writer and readers and never blocks them; committed data is safe in
 * the WAL either way.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());

  /** How often the WAL is checkpointed. */
  static final long INTERVAL_MILLIS = 250;

  private final Connection connection;
  private final LogObserver observer;
  private final Thread thread;
  private volatile boolean stopping;

  private WalCheckpointer(Connection connection, LogObserver observer) {
    this.connection = connection;
    this.observer = observer;
    this.thread = Thread.ofPlatform().name("nudge-wal-checkpoint").daemon().unstarted(this::loop);
  }

  /** Opens a connection to the database and starts checkpointing. */
  static WalCheckpointer start(String jdbcUrl, LogObserver observer) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
    }
    WalCheckpointer w = new WalCheckpointer(c, observer);
    w.thread.start();
    return w;
  }

  private void loop() {
    while (!stopping) {
      try {
        Thread.sleep(INTERVAL_MILLIS);
        checkpoint();
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        // A failed checkpoint only lets the WAL grow until the next one succeeds.
        LOG.log(Level.WARNING, "WAL checkpoint failed: " + e.getMessage());
      }
    }
  }

  private void checkpoint() throws SQLException {
    synchronized (connection) {
      if (stopping) {
        return;
      }
      long start = System.nanoTime();
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      }
      observer.checkpointed(System.nanoTime() - start);
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "closing the checkpoint connection", e);
      }
    }
  }
}
