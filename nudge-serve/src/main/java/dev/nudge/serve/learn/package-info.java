/**
 * Online learning for the service. One learner thread applies rewards to a private copy of the
 * policy in arrival order while requests decide on an immutable-by-convention published copy; the
 * two are swapped after each batch, so a decision always sees one consistent state and never waits
 * for learning. Every learning step is logged, policy states are snapshotted with a checksum
 * ({@link dev.nudge.serve.learn.SnapshotFormat}), and a restart rebuilds the state from the last
 * snapshot plus the steps logged after it.
 */
package dev.nudge.serve.learn;
