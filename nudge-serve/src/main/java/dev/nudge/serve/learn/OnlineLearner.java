package dev.nudge.serve.learn;

import dev.nudge.bandit.Policy;
import dev.nudge.serve.log.DecisionRecord;
import dev.nudge.serve.log.EventLog;
import dev.nudge.serve.log.LearnRecord;
import dev.nudge.serve.log.LogWrite;
import dev.nudge.serve.log.RewardRecord;
import dev.nudge.serve.log.SnapshotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single learner thread. Callers hand it decisions whose reward window opened and rewards, in
 * the order the log acknowledged them; it closes windows, learns (aggregate, earliest or default
 * reward), logs each step and publishes a fresh copy of the policy for serving after each batch.
 *
 * <p>Thread-safety: every public method may be called from any thread; {@link #serving()} is a
 * volatile read. Lifecycle: construct, {@link #recover()}, {@link #start()}, {@link #close()}.
 */
public final class OnlineLearner implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OnlineLearner.class.getName());

  /** The longest the thread sleeps when no window is due, so settings changes take effect. */
  private static final long MAX_IDLE_MILLIS = 200;

  /**
   * The most often a fresh copy of the learned policy is published for serving, unless a sync asks
   * for it. A copy per learning batch cost a copy per reward at a few hundred rewards a second
   * (tens of KB of design matrices each, on this thread), and each one threw away what the serving
   * copy had computed per item; at this interval decisions lag the learner by at most 10 ms.
   */
  static final long PUBLISH_INTERVAL_NANOS = 10_000_000;

  private final EventLog log;
  private final InstantSource clock;
  private final Supplier<LearnSettings> settings;
  private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  private final Map<String, Window> open = new HashMap<>();
  private final PriorityQueue<Window> deadlines =
      new PriorityQueue<>(
          Comparator.comparing((Window w) -> w.deadline).thenComparingLong(w -> w.decision.seq()));
  private final Thread thread;

  private Policy learning;
  private volatile Policy serving;
  private volatile long learnSeq;
  private long publishedSeq;
  private long publishedAt = System.nanoTime();
  private long lastSnapshotSeq;
  private List<LearnInput> recovered = List.of();
  // The newest log write this thread submitted; the log commits in submission order, so once it
  // is committed every earlier learning step and snapshot is too.
  private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

  private sealed interface Message {}

  private record Opened(LearnInput decision) implements Message {}

  private record Rewarded(RewardRecord reward) implements Message {}

  private record Reset(Policy fresh) implements Message {}

  private record Sync(CompletableFuture<Void> done) implements Message {}

  private record Stop(CompletableFuture<Void> done) implements Message {}

  /**
   * A reward window: a decision awaiting rewards until its deadline. A window learned early (the
   * earliest aggregation) is marked closed and skipped when its deadline comes: removing it from
   * the deadline queue would scan the whole queue, one entry per decision of the last reward wait.
   */
  private static final class Window {
    final LearnInput decision;
    final Instant deadline;
    double sum;
    int count;
    boolean closed;

    Window(LearnInput decision, Instant deadline) {
      this.decision = decision;
      this.deadline = deadline;
    }
  }

  /**
   * @param log where learning steps and snapshots go, and where recovery reads from
   * @param initial the policy to start from (its state is replaced by recovery)
   * @param settings the current learning settings, read at every step
   * @param clock the time source for windows
   */
  public OnlineLearner(
      EventLog log, Policy initial, Supplier<LearnSettings> settings, InstantSource clock) {
    this.log = Objects.requireNonNull(log, "log");
    this.learning = Objects.requireNonNull(initial, "initial");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.serving = initial.copy();
    this.thread = Thread.ofPlatform().name("nudge-learner").daemon().unstarted(this::loop);
  }

  /**
   * Rebuilds the state from the log: the last snapshot of this policy, the learning steps after it,
   * then the windows that were open at the crash (closing those that have expired). Call before
   * {@link #start()}.
   */
  public void recover() {
    Optional<SnapshotRecord> snapshot = log.latestSnapshot();
    long from = 0;
    if (snapshot.isPresent()) {
      try {
        SnapshotFormat.Header header = SnapshotFormat.decode(snapshot.get().state());
        if (header.policy().equals(learning.name())) {
          SnapshotFormat.restore(learning, header);
          from = header.learnSeq();
        } else {
          LOG.warning(
              "latest snapshot is of "
                  + header.policy()
                  + ", not of "
                  + learning.name()
                  + "; replaying every logged step from a fresh state");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            new IOException("cannot restore the policy snapshot: " + e.getMessage(), e));
      }
    }
    long[] last = {from};
    log.learnedSince(
        from,
        (step, decision) -> {
          LearnContexts.learn(learning, decision, step.reward());
          last[0] = step.seq();
        });
    learnSeq = last[0];
    lastSnapshotSeq = from;
    // Windows open at the crash: their rewards are in the log; learn what is due, reopen the rest.
    LearnSettings s = settings.get();
    Instant now = now();
    for (DecisionRecord d : log.unlearned()) {
      if (LearnSettings.LearningMode.ofWireName(d.mode())
          == LearnSettings.LearningMode.LOGGING_ONLY) {
        continue;
      }
      Window w = new Window(LearnInput.of(d), d.activatedAt().plus(s.rewardWait()));
      boolean learned = false;
      for (RewardRecord r : log.rewards(d.eventId())) {
        if (inWindow(w, r.receivedAt())) {
          w.sum += r.value();
          w.count++;
          if (s.aggregation() == LearnSettings.Aggregation.EARLIEST) {
            learn(w.decision, r.value(), "reward");
            learned = true;
            break;
          }
        }
      }
      if (learned) {
        continue;
      }
      if (!w.deadline.isAfter(now)) {
        close(w, s);
      } else {
        open.put(d.eventId(), w);
        deadlines.add(w);
      }
    }
    recovered = open.values().stream().map(w -> w.decision).toList();
    publish();
  }

  /**
   * The reward windows {@link #recover()} reopened (decisions activated before the restart whose
   * window is still open and that have not been learned), so that the service can answer their
   * rewards from memory too.
   */
  public List<LearnInput> recoveredWindows() {
    return recovered;
  }

  /** Starts the learner thread. */
  public void start() {
    thread.start();
  }

  /** The policy to decide with: a consistent state, never modified while published. */
  public Policy serving() {
    return serving;
  }

  /** How many learning steps have been applied. */
  public long learnedSteps() {
    return learnSeq;
  }

  /**
   * Opens the reward window of an activated, logged decision. Only the part learning reads is kept
   * (converted here, on the caller's thread), not the record.
   */
  public void opened(DecisionRecord decision) {
    inbox.add(new Opened(LearnInput.of(Objects.requireNonNull(decision, "decision"))));
  }

  /** Hands over a logged reward. */
  public void rewarded(RewardRecord reward) {
    inbox.add(new Rewarded(Objects.requireNonNull(reward, "reward")));
  }

  /** Replaces the policy (a config change): a fresh state from here on, snapshotted at once. */
  public void reset(Policy fresh) {
    inbox.add(new Reset(Objects.requireNonNull(fresh, "fresh")));
  }

  /**
   * Completes once every message handed over before this call has been processed and what that
   * learned is committed to the log.
   */
  public CompletableFuture<Void> sync() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    inbox.add(new Sync(done));
    return done;
  }

  private void loop() {
    List<Message> batch = new ArrayList<>();
    while (true) {
      try {
        long wait = MAX_IDLE_MILLIS;
        Window next = deadlines.peek();
        if (next != null) {
          wait = Math.max(0, Math.min(wait, ChronoUnit.MILLIS.between(now(), next.deadline) + 1));
        }
        if (learnSeq != publishedSeq) { // wake to publish what is learned but not yet served
          long due = PUBLISH_INTERVAL_NANOS - (System.nanoTime() - publishedAt);
          wait = Math.max(0, Math.min(wait, due / 1_000_000 + 1));
        }
        Message first = inbox.poll(wait, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          inbox.drainTo(batch, 4096);
        }
        long before = learnSeq;
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        CompletableFuture<Void> stop = null;
        for (Message m : batch) {
          switch (m) {
            case Opened o -> openWindow(o.decision());
            case Rewarded r -> reward(r.reward());
            case Reset r -> replacePolicy(r.fresh());
            case Sync s -> syncs.add(s.done());
            case Stop s -> stop = s.done();
          }
        }
        batch.clear();
        closeDue();
        if (learnSeq != before && learnSeq - lastSnapshotSeq >= settings.get().snapshotEvery()) {
          snapshot();
        }
        if (learnSeq != publishedSeq
            && (!syncs.isEmpty()
                || stop != null
                || System.nanoTime() - publishedAt >= PUBLISH_INTERVAL_NANOS)) {
          publish();
        }
        CompletableFuture<Void> committed = lastWrite;
        syncs.forEach(f -> committed.whenComplete((ok, failed) -> f.complete(null)));
        if (stop != null) {
          snapshot().join(); // every step before it is committed too: one writer, in order
          stop.complete(null);
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // A bug in one step must not stop learning for good: log it and go on.
        LOG.log(Level.SEVERE, "learner step failed", e);
      }
    }
  }

  private void openWindow(LearnInput d) {
    LearnSettings s = settings.get();
    if (s.learning() == LearnSettings.LearningMode.LOGGING_ONLY
        || d.loggingOnly()
        || open.containsKey(d.eventId())) {
      return;
    }
    Window w = new Window(d, d.activatedAt().plus(s.rewardWait()));
    open.put(d.eventId(), w);
    deadlines.add(w);
  }

  private void reward(RewardRecord r) {
    Window w = open.get(r.eventId());
    if (w == null || !inWindow(w, r.receivedAt())) {
      return; // late, before activation, unknown, or already learned: stored only
    }
    w.sum += r.value();
    w.count++;
    if (settings.get().aggregation() == LearnSettings.Aggregation.EARLIEST) {
      open.remove(r.eventId());
      w.closed = true;
      learn(w.decision, r.value(), "reward");
    }
  }

  private static boolean inWindow(Window w, Instant at) {
    return !at.isBefore(w.decision.activatedAt()) && !at.isAfter(w.deadline);
  }

  private void closeDue() {
    Instant now = now();
    LearnSettings s = settings.get();
    while (!deadlines.isEmpty() && !deadlines.peek().deadline.isAfter(now)) {
      Window w = deadlines.poll();
      if (w.closed) {
        continue;
      }
      open.remove(w.decision.eventId());
      close(w, s);
    }
  }

  private void close(Window w, LearnSettings s) {
    if (w.count > 0) {
      learn(w.decision, w.sum, "reward");
    } else {
      learn(w.decision, s.defaultReward(), "default");
    }
  }

  private void learn(LearnInput d, double reward, String kind) {
    if (settings.get().learning() == LearnSettings.LearningMode.LOGGING_ONLY) {
      return;
    }
    LearnContexts.learn(learning, d, reward);
    long seq = learnSeq + 1;
    learnSeq = seq;
    lastWrite =
        log.submit(new LogWrite.Learned(new LearnRecord(seq, d.eventId(), reward, kind, now())));
  }

  private void replacePolicy(Policy fresh) {
    learning = fresh;
    publish();
    snapshot();
  }

  /** Serves a copy of what is learned so far. */
  private void publish() {
    serving = learning.copy();
    publishedSeq = learnSeq;
    publishedAt = System.nanoTime();
  }

  private CompletableFuture<Void> snapshot() {
    CompletableFuture<Void> done =
        log.submit(
            new LogWrite.Snapshot(
                new SnapshotRecord(
                    learnSeq, learning.name(), now(), SnapshotFormat.encode(learning, learnSeq))));
    lastSnapshotSeq = learnSeq;
    lastWrite = done;
    return done;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Stores a final snapshot and stops the thread. */
  @Override
  public void close() {
    if (!thread.isAlive()) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    inbox.add(new Stop(done));
    done.join();
  }
}
