package dev.nudge.serve.log;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored policy state (see {@code dev.nudge.serve.learn.SnapshotFormat} for the bytes).
 *
 * @param learnSeq the last learning step included in the state
 * @param policy the policy's name with its parameters
 * @param takenAt when it was taken
 * @param state the encoded state, header and checksum included
 */
public record SnapshotRecord(long learnSeq, String policy, Instant takenAt, byte[] state) {
  public SnapshotRecord {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(state, "state");
    if (learnSeq < 0) {
      throw new IllegalArgumentException("learnSeq must be >= 0, got " + learnSeq);
    }
  }
}
