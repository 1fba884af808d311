package dev.nudge.serve.log;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The service's durable log.
 *
 * <p>Thread-safety: every method may be called from any thread. Writes are applied in the order
 * they are submitted; the returned future completes once the write has committed (a crash after
 * that cannot lose it) or fails with the database's error. Reads see every committed write.
 *
 * <p>Lifecycle: open with {@link JdbcEventLog#open}, {@link #close()} drains the queued writes.
 */
public interface EventLog extends AutoCloseable {

  /** Queues a write; the future completes when it has committed. */
  CompletableFuture<Void> submit(LogWrite write);

  /** The decision with this event id, if logged. */
  Optional<DecisionRecord> decision(String eventId);

  /**
   * What a reward needs of its decision: the rewarded nudge and when its window opened. A reward
   * for a decision that has left the service's memory reads only this, not the whole row with its
   * candidates and vectors.
   *
   * @param nudgeId the id of the nudge the decision asked the caller to reward
   * @param activatedAt when the reward window opened; null while deferred
   */
  record RewardTarget(String nudgeId, Instant activatedAt) {
    public RewardTarget {
      Objects.requireNonNull(nudgeId, "nudgeId");
    }
  }

  /** The reward target of the decision with this event id, if logged. */
  Optional<RewardTarget> rewardTarget(String eventId);

  /** The rewards logged for an event, in arrival order. */
  List<RewardRecord> rewards(String eventId);

  /** The most recent policy snapshot, if any. */
  Optional<SnapshotRecord> latestSnapshot();

  /**
   * Visits the learning steps after {@code afterSeq} in order, each with its decision.
   *
   * @param afterSeq the last step already applied (0 for all)
   * @param visitor receives each step and the decision it learned from
   */
  void learnedSince(long afterSeq, BiConsumer<LearnRecord, DecisionRecord> visitor);

  /** Activated decisions not yet learned from, oldest first (for recovery after a restart). */
  List<DecisionRecord> unlearned();

  /** The highest sequence numbers in use: decisions, rewards, learning steps. */
  Sequences sequences();

  /** All stored documents of a kind, by id. */
  Map<String, String> documents(LogWrite.DocumentKind kind);

  /** How many decisions and rewards are logged. */
  long count(String table);

  /**
   * Visits every decision in log order with the count and sum of its logged rewards (late ones
   * included): the input of {@code nudge retrain}.
   */
  void rewardedDecisions(Consumer<RewardedDecision> visitor);

  /** Writes every decision with its rewards as JSONL (see docs/event-log-format.md). */
  void exportJsonl(Writer out) throws IOException;

  @Override
  void close();

  /**
   * The highest sequence numbers in the log.
   *
   * @param decision last decision
   * @param reward last reward
   * @param learned last learning step
   */
  record Sequences(long decision, long reward, long learned) {}
}
