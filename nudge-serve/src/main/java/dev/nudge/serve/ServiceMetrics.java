package dev.nudge.serve;

import dev.nudge.serve.log.LogObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's Prometheus metrics: decisions, rewards, request latency histograms, per-nudge
 * shown/reward counters (reward rate = {@code nudge_reward_value_sum / nudge_shown_total}) and the
 * share of decisions whose rewarded slot was explored.
 */
public final class ServiceMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter decisions;
  private final Counter replayedDecisions;
  private final Counter rewards;
  private final Counter rewardLogReads;
  private final LongAdder explored = new LongAdder();
  private final LongAdder decided = new LongAdder();
  // Per-nudge meters, looked up once: registering builds an id per call, on every request.
  private final Map<String, Counter> shown = new ConcurrentHashMap<>();
  private final Map<String, DistributionSummary> rewardValues = new ConcurrentHashMap<>();

  public ServiceMetrics() {
    decisions = Counter.builder("nudge.decisions").description("Decisions made").register(registry);
    replayedDecisions =
        Counter.builder("nudge.decisions.repeated")
            .description("Requests answered from a stored decision (repeated event id)")
            .register(registry);
    rewards = Counter.builder("nudge.rewards").description("Rewards stored").register(registry);
    rewardLogReads =
        Counter.builder("nudge.rewards.log.reads")
            .description(
                "Rewards whose decision was read from the log (its reward window had passed, or"
                    + " it was unknown)")
            .register(registry);
    registry.gauge(
        "nudge.exploration.share",
        this,
        m -> m.decided.sum() == 0 ? 0 : m.explored.doubleValue() / m.decided.doubleValue());
  }

  /** A latency timer with a Prometheus histogram, one per route. */
  public Timer route(String route) {
    return Timer.builder("nudge.http.requests")
        .tag("route", route)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(0).plusNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry);
  }

  void decided(String rewardNudge, boolean wasExplored) {
    decisions.increment();
    decided.increment();
    if (wasExplored) {
      explored.increment();
    }
    shown
        .computeIfAbsent(
            rewardNudge, n -> Counter.builder("nudge.shown").tag("nudge", n).register(registry))
        .increment();
  }

  /**
   * Times the event log's commits (every decision and reward waits for one) and SQLite's
   * checkpoints, so a slow disk shows as its own histogram beside the request latencies.
   */
  LogObserver logObserver() {
    Timer commits = logTimer("nudge.log.commits", "Event log transactions, each a batch of writes");
    Timer checkpoints =
        logTimer("nudge.log.checkpoints", "SQLite WAL checkpoints (beside the writer)");
    DistributionSummary batch =
        DistributionSummary.builder("nudge.log.commit.writes")
            .description("Writes carried by one event log transaction")
            .register(registry);
    return new LogObserver() {
      @Override
      public void committed(int writes, long nanos) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
        batch.record(writes);
      }

      @Override
      public void checkpointed(long nanos) {
        checkpoints.record(nanos, TimeUnit.NANOSECONDS);
      }
    };
  }

  private Timer logTimer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry);
  }

  void repeated() {
    replayedDecisions.increment();
  }

  void rewarded(String nudge, double value) {
    rewards.increment();
    rewardValues
        .computeIfAbsent(nudge, n -> registry.summary("nudge.reward.value", "nudge", n))
        .record(value);
  }

  void rewardReadLog() {
    rewardLogReads.increment();
  }

  /** Publishes how many decisions are held for rewards without a log read. */
  void rewardIndex(DecisionService decisions) {
    registry.gauge("nudge.reward.index.entries", decisions, d -> d.rewardIndexSize());
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
