package dev.nudge.serve;

import dev.nudge.serve.log.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions whose rewards may still be learned, kept in memory so that a reward for any of them
 * is answered without reading the log: event id → the rewarded nudge and when its window opened.
 *
 * <p>Sized by time, not by count: an entry stays while its reward window is open (from activation
 * to activation + the reward wait) or, for a deferred decision, for one reward wait after the
 * decision. Only then is it dropped, so at any decision rate a reward that can still be learned
 * never reads the log; a later one (stored, not learned) reads two columns of it. A hard cap on the
 * number of entries keeps a misjudged heap from filling up: past it the oldest entries go first,
 * and their rewards read the log like late ones.
 *
 * <p>An entry is a few small objects (the event id string, which the request made anyway, a map
 * node and a 40-byte target), because at 10,000 decisions/s a 10-minute wait holds six million of
 * them and every one survives the young collections it lives through.
 *
 * <p>Thread-safety: all methods may be called from any thread. Lookups are lock-free; additions
 * take a short lock to keep the expiry queue in insertion order.
 */
final class RewardIndex {
  /**
   * Bytes per entry assumed when sizing the cap from the heap: a 40-byte target, a 32-byte map
   * node, table and queue slots, and the event id string when nothing else holds it (the open
   * reward window usually does).
   */
  static final long BYTES_PER_ENTRY = 160;

  /** Marks a deferred decision (no window yet) in {@link Target#activatedMicros}. */
  private static final long DEFERRED = Long.MIN_VALUE;

  /**
   * One entry.
   *
   * @param eventId the key, kept for the expiry queue
   * @param nudgeId the nudge rewards are credited to
   * @param activatedMicros when the window opened, in µs since the epoch; {@link #DEFERRED} if not
   * @param sinceMicros when the entry's time started: the activation, else the decision
   */
  private record Target(String eventId, String nudgeId, long activatedMicros, long sinceMicros) {}

  private final Map<String, Target> targets = new ConcurrentHashMap<>();
  private final ArrayDeque<Target> expiry = new ArrayDeque<>();
  private final int capacity;

  /**
   * @param capacity the most entries kept, whatever their age; {@code >= 1}
   */
  RewardIndex(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** The cap for this JVM: a quarter of the maximum heap at {@link #BYTES_PER_ENTRY} each. */
  static int defaultCapacity() {
    long entries = Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_ENTRY;
    return (int) Math.max(100_000, Math.min(Integer.MAX_VALUE - 8, entries));
  }

  /**
   * Records a logged decision (call after its log write committed), or its activation.
   *
   * @param activatedAt when its window opened, or null while deferred
   * @param now the current time, which also drops the entries whose time has passed
   * @param wait the current reward wait
   */
  void put(String eventId, String nudgeId, Instant activatedAt, Instant now, Duration wait) {
    long nowMicros = micros(now);
    long activated = activatedAt == null ? DEFERRED : micros(activatedAt);
    Target t =
        new Target(eventId, nudgeId, activated, activated == DEFERRED ? nowMicros : activated);
    synchronized (expiry) {
      targets.put(eventId, t);
      expiry.addLast(t);
      expire(nowMicros, wait.toNanos() / 1000);
    }
  }

  /** The reward target of an indexed decision; empty when not indexed (unknown, old or evicted). */
  Optional<EventLog.RewardTarget> target(String eventId) {
    Target t = targets.get(eventId);
    if (t == null) {
      return Optional.empty();
    }
    Instant activated =
        t.activatedMicros == DEFERRED
            ? null
            : Instant.ofEpochSecond(
                Math.floorDiv(t.activatedMicros, 1_000_000L),
                Math.floorMod(t.activatedMicros, 1_000_000L) * 1000L);
    return Optional.of(new EventLog.RewardTarget(t.nudgeId, activated));
  }

  /** How many decisions are indexed. */
  int size() {
    return targets.size();
  }

  /**
   * Drops, oldest first, the entries whose time has passed, and any beyond the cap. The queue is in
   * insertion order, which is time order up to the few microseconds between a request taking the
   * time and adding its entry: an entry may stay that much longer, never shorter.
   */
  private void expire(long nowMicros, long waitMicros) {
    while (!expiry.isEmpty()) {
      Target head = expiry.peekFirst();
      boolean expired = head.sinceMicros < nowMicros - waitMicros;
      if (!expired && expiry.size() <= capacity) {
        return;
      }
      expiry.pollFirst();
      // Conditional: an activation replaced this entry with a newer one, queued further back.
      targets.remove(head.eventId, head);
    }
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
