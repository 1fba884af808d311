/**
 * The durable event log: every decision (context, slate with probabilities, policy, model version),
 * every reward, every learning step and every policy snapshot, in a relational database reached
 * through JDBC. SQLite in WAL mode is the embedded default (one file); PostgreSQL is the server
 * option. The log is the service's source of truth: on restart the learner is rebuilt from the last
 * snapshot plus the learning steps logged after it, and off-policy evaluation reads the JSONL
 * export ({@link dev.nudge.serve.log.JsonlExport}).
 *
 * <p>Writes go through one writer thread that commits whatever has queued up in one transaction
 * (group commit): a request is acknowledged only after its transaction has committed, so an
 * acknowledged reward survives a {@code kill -9}, yet thousands of requests per second share a
 * handful of commits.
 */
package dev.nudge.serve.log;
