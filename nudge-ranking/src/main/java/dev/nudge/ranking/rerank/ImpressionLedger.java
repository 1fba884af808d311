package dev.nudge.ranking.rerank;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who saw which nudge when, kept in memory, and the frequency cap and cool-down it enforces. The
 * clock is injected so tests (and replays) control time. Thread-safe: each (user, nudge) history is
 * guarded by its own lock; memory is bounded by dropping impressions older than the window.
 */
public final class ImpressionLedger {
  private final InstantSource clock;
  private final FrequencyRules rules;
  private final Map<Long, Deque<Instant>> shown = new ConcurrentHashMap<>();

  public ImpressionLedger(InstantSource clock, FrequencyRules rules) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public FrequencyRules rules() {
    return rules;
  }

  /** Records that {@code user} was shown {@code item} now. */
  public void record(int user, int item) {
    Instant now = clock.instant();
    Deque<Instant> times = shown.computeIfAbsent(key(user, item), k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
  }

  /** Empty when the item may be shown now, else the rule that blocks it. */
  public Optional<String> blocked(int user, int item) {
    Deque<Instant> times = shown.get(key(user, item));
    if (times == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (times) {
      prune(times, now);
      if (times.isEmpty()) {
        return Optional.empty();
      }
      Duration since = Duration.between(times.peekLast(), now);
      if (since.compareTo(rules.coolDown()) < 0) {
        return Optional.of(
            "cool-down: shown "
                + since.toSeconds()
                + " s ago, needs "
                + rules.coolDown().toSeconds()
                + " s");
      }
      if (times.size() >= rules.maxImpressions()) {
        return Optional.of(
            "frequency cap: shown "
                + times.size()
                + " times in the last "
                + rules.window().toSeconds()
                + " s");
      }
      return Optional.empty();
    }
  }

  /** How many impressions of the item the user had within the window. */
  public int count(int user, int item) {
    Deque<Instant> times = shown.get(key(user, item));
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      prune(times, clock.instant());
      return times.size();
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant horizon = now.minus(rules.window());
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
      times.pollFirst();
    }
  }

  /**
   * (user, item) packed into a long, then multiplied by an odd constant: a bijection, so keys stay
   * distinct, whose {@code hashCode} is well spread. The plain packing hashes to {@code user ^
   * item}, which collides for every (a, b) and (b, a) and let the map degrade to tree bins.
   */
  private static long key(int user, int item) {
    return (((long) user << 32) | (item & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
  }
}
