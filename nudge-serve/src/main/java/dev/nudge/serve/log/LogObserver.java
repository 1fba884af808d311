package dev.nudge.serve.log;

/**
 * What the log reports about its own work, for the service's metrics. A decision or reward is
 * answered only after its write commits, so commit time is part of every request's latency, and a
 * slow disk shows here before it shows anywhere else.
 *
 * <p>Called on the log's own threads: implementations must be thread-safe and quick.
 */
public interface LogObserver {

  /** Observes nothing. */
  LogObserver NONE = new LogObserver() {};

  /**
   * One transaction committed.
   *
   * @param writes how many queued writes it carried
   * @param nanos how long applying and committing them took
   */
  default void committed(int writes, long nanos) {}

  /**
   * One checkpoint of SQLite's write-ahead log into the database file finished.
   *
   * @param nanos how long it took (it runs beside the writer, not in its way, but it shares the
   *     disk)
   */
  default void checkpointed(long nanos) {}
}
