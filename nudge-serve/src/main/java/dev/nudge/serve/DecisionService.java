package dev.nudge.serve;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import dev.nudge.serve.learn.LearnInput;
import dev.nudge.serve.learn.LearnSettings;
import dev.nudge.serve.learn.OnlineLearner;
import dev.nudge.serve.log.ArmRecord;
import dev.nudge.serve.log.DecisionRecord;
import dev.nudge.serve.log.EventLog;
import dev.nudge.serve.log.JsonText;
import dev.nudge.serve.log.LogWrite;
import dev.nudge.serve.log.RewardRecord;
import dev.nudge.serve.log.SlotRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Decide, reward and activate, independent of HTTP. A decision is logged (committed) before it is
 * answered, so every acknowledged event id can be rewarded after a crash; a reward is committed
 * before it is acknowledged and before the learner sees it.
 *
 * <p>Thread-safety: every method may run on many request threads at once.
 */
public final class DecisionService {
  /**
   * Answers of the most recent decisions kept in memory for repeated event ids (a client's retry);
   * an older repeated id is answered from the log.
   */
  static final int RECENT_CAPACITY = 100_000;

  private final EventLog log;
  private final OnlineLearner learner;
  private final NudgeCatalogue catalogue;
  private final UserDirectory users;
  private final Supplier<ServiceConfig> config;
  private final AtomicReference<EmbeddingModel> model;
  private final EmbeddingResolver embeddings = new EmbeddingResolver();
  private volatile NamedPolicy lastName;
  private final ServiceMetrics metrics;
  private final InstantSource clock;
  private final AtomicLong decisionSeq;
  private final AtomicLong rewardSeq;
  // Only the answers, not the records: what stays in memory per decision is what the young
  // collections copy, and that was the decide tail (see docs/service.md, "Latency").
  private final Map<String, String> recent = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> recentOrder = new ConcurrentLinkedQueue<>();
  private final RewardIndex rewardable;
  private final Map<String, ArmSource> armRecords = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

  DecisionService(
      EventLog log,
      OnlineLearner learner,
      NudgeCatalogue catalogue,
      UserDirectory users,
      Supplier<ServiceConfig> config,
      AtomicReference<EmbeddingModel> model,
      ServiceMetrics metrics,
      InstantSource clock,
      int rewardIndexCapacity) {
    this.log = log;
    this.learner = learner;
    this.catalogue = catalogue;
    this.users = users;
    this.config = config;
    this.model = model;
    this.metrics = metrics;
    this.clock = clock;
    this.rewardable = new RewardIndex(rewardIndexCapacity);
    EventLog.Sequences seqs = log.sequences();
    this.decisionSeq = new AtomicLong(seqs.decision());
    this.rewardSeq = new AtomicLong(seqs.reward());
  }

  /**
   * Decides, or returns the stored answer of a repeated event id.
   *
   * @return the JSON answer
   */
  public String decide(DecideRequest request) {
    String eventId = request.eventId() != null ? request.eventId() : UUID.randomUUID().toString();
    String known = recent.get(eventId);
    if (known != null) {
      metrics.repeated();
      return known;
    }
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> theirs = inFlight.putIfAbsent(eventId, mine);
    if (theirs != null) {
      metrics.repeated();
      return theirs.join(); // the same id is being decided right now: share its answer
    }
    try {
      // Decided by another request between our two looks: it is in memory (remembered before
      // its inFlight entry goes), so this second look need not ask the database again.
      String raced = recent.get(eventId);
      if (raced != null) {
        mine.complete(raced);
        return raced;
      }
      // An id older than the in-memory window is not looked up first (that would cost a query
      // per decision): the log's unique event id rejects the insert, and the stored answer wins.
      DecisionRecord d = decideNew(eventId, request);
      try {
        log.submit(new LogWrite.Decision(d)).join();
      } catch (CompletionException e) {
        Optional<DecisionRecord> stored = log.decision(eventId);
        if (stored.isEmpty()) {
          throw e;
        }
        remember(eventId, stored.get().response());
        mine.complete(stored.get().response());
        metrics.repeated();
        return stored.get().response();
      }
      rewardable.put(
          eventId, d.rewardArm().id(), d.activatedAt(), now(), config.get().rewardWait());
      remember(eventId, d.response());
      mine.complete(d.response());
      if (d.activatedAt() != null) {
        learner.opened(d);
      }
      metrics.decided(d.rewardArm().id(), d.slate().get(0).explored());
      return d.response();
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(eventId, mine);
    }
  }

  private DecisionRecord decideNew(String eventId, DecideRequest request) {
    ServiceConfig cfg = config.get();
    EmbeddingModel m = model.get();
    EmbeddingResolver.Shape shape = embeddings.shape(cfg, m);
    Optional<UserDirectory.User> user = users.get(request.userId());
    Map<String, Double> userFeatures = user.map(UserDirectory.User::features).orElse(Map.of());
    FeatureHasher hasher = new FeatureHasher(cfg.contextDimensions());
    double[] features = hasher.hash(request.context(), userFeatures);
    List<Arm> candidates = candidates(request, hasher, m, shape);
    int slateSize =
        request.slateSize() != null
            ? request.slateSize()
            : Math.min(cfg.slateSize(), candidates.size());
    if (slateSize > candidates.size()) {
      throw ApiProblem.badField(
          "slateSize", "is " + slateSize + " but only " + candidates.size() + " candidates remain");
    }
    DecisionContext context =
        new DecisionContext(
            eventId,
            user.map(UserDirectory.User::key).orElse(-1),
            embeddings.user(request.userId(), request.context(), userFeatures, shape, m),
            features,
            candidates,
            slateSize,
            DecisionContext.UNLIMITED,
            Seeds.forEvent(eventId));
    Policy policy = learner.serving();
    Slate slate;
    try {
      slate = policy.decide(context);
    } catch (IllegalArgumentException e) {
      // The policy cannot use what this service hands it (e.g. vector widths after a model swap):
      // a configuration conflict the caller can fix with PUT /v1/config, not a server fault.
      throw new ApiProblem(409, "policy", policy.name() + ": " + e.getMessage());
    }
    List<SlotRecord> slots = new ArrayList<>(slate.size());
    for (Slate.Entry e : slate.entries()) {
      slots.add(
          new SlotRecord(
              e.arm().id(),
              e.arm().key(),
              e.probability(),
              Double.isFinite(e.score()) ? e.score() : null,
              e.explored()));
    }
    List<SlotRecord> served = slots;
    Arm rewardArm = slate.get(0).arm();
    if (cfg.learningMode() == LearnSettings.LearningMode.APPRENTICE) {
      rewardArm = baseline(request, candidates);
      served = apprenticeSlate(rewardArm, slots, slateSize);
    }
    Instant now = now();
    Instant activatedAt = request.deferActivation() ? null : now;
    String policyName = policyName(policy);
    String response = response(eventId, served, rewardArm.id(), policyName, m.version());
    return new DecisionRecord(
        decisionSeq.incrementAndGet(),
        eventId,
        now,
        request.userId(),
        context.userKey(),
        request.contextJson(),
        features,
        context.userEmbedding(),
        candidates.stream().map(Arm::id).toList(),
        slots,
        armRecord(rewardArm),
        policyName,
        m.version(),
        cfg.learningMode().wireName(),
        activatedAt,
        response);
  }

  /**
   * The arm's record, shared by every decision that rewards the same arm instance: a record copies
   * the arm's arrays, and each decision's record lives for its reward window (an open window keeps
   * it), so a copy per decision was a third of what a decision kept in memory. Catalogue arms are
   * cached instances (per model), so they hit; an arm built from per-request features replaces the
   * entry, which keeps this one entry per nudge id.
   */
  private ArmRecord armRecord(Arm arm) {
    ArmSource cached = armRecords.get(arm.id());
    if (cached != null && cached.arm == arm) {
      return cached.record;
    }
    ArmRecord r = new ArmRecord(arm.id(), arm.key(), arm.embedding(), arm.features(), arm.topic());
    armRecords.put(arm.id(), new ArmSource(arm, r));
    return r;
  }

  private record ArmSource(Arm arm, ArmRecord record) {}

  /**
   * The policy's name, built once per published policy (names with parameters are built from
   * scratch on every call, and each decision needs one).
   */
  private String policyName(Policy policy) {
    NamedPolicy last = lastName;
    if (last != null && last.policy == policy) {
      return last.name;
    }
    String name = policy.name();
    lastName = new NamedPolicy(policy, name);
    return name;
  }

  private record NamedPolicy(Policy policy, String name) {}

  private List<Arm> candidates(
      DecideRequest request,
      FeatureHasher hasher,
      EmbeddingModel m,
      EmbeddingResolver.Shape shape) {
    Set<String> excluded =
        request.excluded().isEmpty() ? Set.of() : new HashSet<>(request.excluded());
    List<Arm> out =
        new ArrayList<>(
            request.candidates().isEmpty()
                ? catalogue.active().size()
                : request.candidates().size());
    if (request.candidates().isEmpty()) {
      for (Arm a : catalogue.active()) {
        if (!excluded.contains(a.id())) {
          out.add(embeddings.item(a, shape, m, true));
        }
      }
      if (out.isEmpty()) {
        throw ApiProblem.badField(
            "candidates", "none given and the catalogue has no active nudge left after exclusions");
      }
      return out;
    }
    // Repeats are found by the arm's dense key, not a set of ids: a hash set of 100 ids was a
    // tenth of a decision's allocation. Excluded ids are never registered, so they get a set.
    Set<String> excludedSeen = excluded.isEmpty() ? Set.of() : new HashSet<>();
    BitSet seenKeys = new BitSet();
    for (int i = 0; i < request.candidates().size(); i++) {
      DecideRequest.Candidate c = request.candidates().get(i);
      if (excluded.contains(c.id())) {
        if (!excludedSeen.add(c.id())) {
          throw ApiProblem.badField("candidates[" + i + "].id", "'" + c.id() + "' appears twice");
        }
        continue;
      }
      Arm known = catalogue.arm(c.id());
      if (known != null && seenKeys.get(known.key())) {
        throw ApiProblem.badField("candidates[" + i + "].id", "'" + c.id() + "' appears twice");
      }
      if (known == null) {
        // First sight of an action: register it so its key is stable from now on.
        Nudge n =
            catalogue.put(c.id(), c.features() == null ? Map.of() : c.features(), null, null, true);
        log.submit(new LogWrite.Document(LogWrite.DocumentKind.NUDGE, n.id(), NudgeJson.write(n)))
            .join();
        known = catalogue.arm(c.id());
      }
      seenKeys.set(known.key());
      if (c.features() != null) {
        known =
            new Arm(known.id(), known.key(), null, hasher.hash(null, c.features()), known.topic());
        out.add(embeddings.item(known, shape, m, false));
      } else {
        out.add(embeddings.item(known, shape, m, true));
      }
    }
    if (out.isEmpty()) {
      throw ApiProblem.badField("excluded", "excludes every candidate");
    }
    return out;
  }

  private static Arm baseline(DecideRequest request, List<Arm> candidates) {
    if (request.baselineActionId() == null) {
      return candidates.get(0);
    }
    for (Arm a : candidates) {
      if (a.id().equals(request.baselineActionId())) {
        return a;
      }
    }
    throw ApiProblem.badField(
        "baselineActionId", "'" + request.baselineActionId() + "' is not among the candidates");
  }

  /** Apprentice mode serves the baseline first (certainly), then the policy's other picks. */
  private static List<SlotRecord> apprenticeSlate(Arm baseline, List<SlotRecord> slots, int size) {
    List<SlotRecord> out = new ArrayList<>(size);
    out.add(new SlotRecord(baseline.id(), baseline.key(), 1.0, null, false));
    for (SlotRecord s : slots) {
      if (out.size() < size && !s.id().equals(baseline.id())) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The answer's JSON, written directly: ids are restricted to characters JSON never escapes, and a
   * tree per answer was a measurable share of a decision's CPU.
   */
  static String response(
      String eventId, List<SlotRecord> slate, String rewardActionId, String policy, String model) {
    StringBuilder o = new StringBuilder(64 + 96 * slate.size() + policy.length());
    o.append("{\"eventId\":");
    JsonText.string(o, eventId);
    o.append(",\"slate\":[");
    for (int i = 0; i < slate.size(); i++) {
      SlotRecord slot = slate.get(i);
      o.append(i == 0 ? "{\"id\":" : ",{\"id\":");
      JsonText.string(o, slot.id());
      o.append(",\"probability\":");
      JsonText.number(o, slot.probability());
      o.append(",\"score\":");
      if (slot.score() == null) {
        o.append("null");
      } else {
        JsonText.number(o, slot.score());
      }
      o.append(",\"explored\":").append(slot.explored()).append('}');
    }
    o.append("],\"rewardActionId\":");
    JsonText.string(o, rewardActionId);
    o.append(",\"policy\":");
    JsonText.string(o, policy);
    o.append(",\"modelVersion\":");
    JsonText.string(o, model);
    return o.append('}').toString();
  }

  /** The outcome of a reward, for the answer. */
  public record RewardOutcome(String eventId, double value, boolean inWindow) {}

  /**
   * Stores a reward (committed before returning) and hands it to the learner.
   *
   * @param values the objective values, or a single entry under "" for a plain {@code value}
   */
  public RewardOutcome reward(String eventId, Map<String, Double> values) {
    EventLog.RewardTarget target = rewardTarget(eventId);
    ServiceConfig cfg = config.get();
    double value = combine(values, cfg.objectiveWeights());
    Instant now = now();
    Map<String, Double> objectives = values.containsKey("") ? Map.of() : values;
    RewardRecord r = new RewardRecord(rewardSeq.incrementAndGet(), eventId, now, value, objectives);
    log.submit(new LogWrite.Reward(r)).join();
    learner.rewarded(r);
    metrics.rewarded(target.nudgeId(), value);
    Instant opened = target.activatedAt();
    boolean inWindow =
        opened != null && !now.isBefore(opened) && !now.isAfter(opened.plus(cfg.rewardWait()));
    return new RewardOutcome(eventId, value, inWindow);
  }

  /**
   * From memory for every decision whose reward can still be learned, else the two columns of the
   * log a reward needs (not the whole decision row).
   */
  private EventLog.RewardTarget rewardTarget(String eventId) {
    Optional<EventLog.RewardTarget> indexed = rewardable.target(eventId);
    if (indexed.isPresent()) {
      return indexed.get();
    }
    metrics.rewardReadLog();
    return log.rewardTarget(eventId).orElseThrow(() -> ApiProblem.notFound("event", eventId));
  }

  static double combine(Map<String, Double> values, Map<String, Double> weights) {
    if (values.containsKey("")) {
      return values.get("");
    }
    double sum = 0;
    for (Map.Entry<String, Double> v : values.entrySet()) {
      Double w = weights.isEmpty() ? Double.valueOf(1.0) : weights.get(v.getKey());
      if (w == null) {
        throw ApiProblem.badField(
            "values." + v.getKey(),
            "is not a configured objective; configured: " + weights.keySet());
      }
      sum += w * v.getValue();
    }
    return sum;
  }

  /**
   * Opens the reward window of a deferred event; activating an active event changes nothing.
   *
   * @return when the window opened
   */
  public Instant activate(String eventId) {
    Optional<EventLog.RewardTarget> indexed = rewardable.target(eventId);
    if (indexed.isPresent() && indexed.get().activatedAt() != null) {
      return indexed.get().activatedAt();
    }
    synchronized (this) {
      // Read under the lock: the log holds every committed activation, a concurrent one included.
      DecisionRecord current =
          log.decision(eventId).orElseThrow(() -> ApiProblem.notFound("event", eventId));
      if (current.activatedAt() != null) {
        return current.activatedAt();
      }
      Instant now = now();
      DecisionRecord active = current.activated(now);
      log.submit(new LogWrite.Activation(eventId, active.activatedAt())).join();
      rewardable.put(
          eventId, active.rewardArm().id(), active.activatedAt(), now, config.get().rewardWait());
      learner.opened(active);
      return active.activatedAt();
    }
  }

  /** A logged decision, read from the log (memory keeps only answers and reward targets). */
  public Optional<DecisionRecord> find(String eventId) {
    return log.decision(eventId);
  }

  /**
   * Indexes the reward windows that recovery reopened after a restart, oldest activation first, so
   * their rewards do not read the log either. (Decisions from before the restart that were deferred
   * or already learned under {@code earliest} are not among them: their rewards are stored only.)
   */
  void indexRecovered(List<LearnInput> windows) {
    Instant now = now();
    List<LearnInput> byActivation = new ArrayList<>(windows);
    byActivation.sort(
        Comparator.comparing(LearnInput::activatedAt).thenComparingLong(LearnInput::seq));
    for (LearnInput w : byActivation) {
      rewardable.put(
          w.eventId(), w.rewardArm().id(), w.activatedAt(), now, config.get().rewardWait());
    }
  }

  /** How many decisions are indexed for rewards without a log read. */
  int rewardIndexSize() {
    return rewardable.size();
  }

  private void remember(String eventId, String response) {
    if (recent.put(eventId, response) == null) {
      recentOrder.add(eventId);
      if (recent.size() > RECENT_CAPACITY) {
        String oldest = recentOrder.poll();
        if (oldest != null) {
          recent.remove(oldest);
        }
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
