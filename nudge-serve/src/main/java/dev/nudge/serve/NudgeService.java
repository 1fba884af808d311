package dev.nudge.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.bandit.Policy;
import dev.nudge.serve.learn.OnlineLearner;
import dev.nudge.serve.learn.SnapshotFormat;
import dev.nudge.serve.log.EventLog;
import dev.nudge.serve.log.JdbcEventLog;
import dev.nudge.serve.log.LogWrite;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service without its HTTP face: opens the log, restores catalogue, users, config and the
 * learned state, and answers decide/reward/activate and the admin operations. {@code
 * dev.nudge.serve.http.HttpApi} serves it over HTTP.
 *
 * <p>Lifecycle: {@link #open}, use from any number of threads, {@link #close()} (a final snapshot
 * is stored). Thread-safety: all methods are safe to call concurrently.
 */
public final class NudgeService implements AutoCloseable {
  private final EventLog log;
  private final PolicyFactory policies;
  private final NudgeCatalogue catalogue;
  private final UserDirectory users = new UserDirectory();
  private final AtomicReference<EmbeddingModel> model;
  private final ServiceMetrics metrics;
  private final OnlineLearner learner;
  private final DecisionService decisions;
  private volatile ServiceConfig config;
  private volatile boolean ready;

  /**
   * What a caller gives the service.
   *
   * @param jdbcUrl the event log, {@code jdbc:sqlite:file} or {@code jdbc:postgresql://...}
   * @param config the config to start with when the log holds none
   * @param policies builds the policy the config names
   * @param nudges nudges to add when the log holds none (the embedded catalogue)
   * @param model the embeddings to start with
   * @param clock the time source
   */
  public record Settings(
      String jdbcUrl,
      ServiceConfig config,
      PolicyFactory policies,
      List<Nudge> nudges,
      EmbeddingModel model,
      InstantSource clock) {
    public Settings {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(policies, "policies");
      nudges = List.copyOf(nudges);
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(clock, "clock");
    }

    /** Defaults for everything but the log and the catalogue. */
    public static Settings of(String jdbcUrl, List<Nudge> nudges) {
      return new Settings(
          jdbcUrl,
          ServiceConfig.defaults(),
          PolicyFactory.builtIn(),
          nudges,
          EmbeddingModel.NONE,
          InstantSource.system());
    }
  }

  private NudgeService(Settings s, EventLog log, ServiceMetrics metrics) {
    this.metrics = metrics;
    this.log = log;
    this.policies = s.policies();
    this.model = new AtomicReference<>(s.model());
    String storedConfig = log.documents(LogWrite.DocumentKind.CONFIG).get("service");
    this.config =
        storedConfig == null ? s.config() : ConfigJson.merge(s.config(), tree(storedConfig));
    if (storedConfig == null) {
      persistConfig(config);
    }
    this.catalogue = new NudgeCatalogue(new FeatureHasher(config.contextDimensions()));
    Map<String, String> storedNudges = log.documents(LogWrite.DocumentKind.NUDGE);
    if (storedNudges.isEmpty()) {
      for (Nudge n : s.nudges()) {
        Nudge stored = catalogue.put(n.id(), n.features(), n.topic(), n.text(), n.active());
        log.submit(
                new LogWrite.Document(LogWrite.DocumentKind.NUDGE, n.id(), NudgeJson.write(stored)))
            .join();
      }
    } else {
      storedNudges.values().forEach(json -> catalogue.restore(NudgeJson.readNudge(json)));
    }
    log.documents(LogWrite.DocumentKind.USER)
        .values()
        .forEach(json -> users.restore(NudgeJson.readUser(json)));
    this.learner =
        new OnlineLearner(log, policies.create(config), () -> config.learnSettings(), s.clock());
    learner.recover();
    learner.start();
    this.decisions =
        new DecisionService(
            log,
            learner,
            catalogue,
            users,
            () -> config,
            model,
            metrics,
            s.clock(),
            RewardIndex.defaultCapacity());
    decisions.indexRecovered(learner.recoveredWindows());
    metrics.rewardIndex(decisions);
    this.ready = true;
  }

  /** Opens the log and restores the service's state from it. */
  public static NudgeService open(Settings settings) {
    ServiceMetrics metrics = new ServiceMetrics();
    EventLog log = JdbcEventLog.open(settings.jdbcUrl(), metrics.logObserver());
    try {
      return new NudgeService(settings, log, metrics);
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  public DecisionService decisions() {
    return decisions;
  }

  public NudgeCatalogue catalogue() {
    return catalogue;
  }

  public UserDirectory users() {
    return users;
  }

  public ServiceMetrics metrics() {
    return metrics;
  }

  public ServiceConfig config() {
    return config;
  }

  public EmbeddingModel model() {
    return model.get();
  }

  /** True once recovery has finished and until {@link #close()}. */
  public boolean ready() {
    return ready;
  }

  /** The log, for export. */
  public EventLog log() {
    return log;
  }

  /**
   * Replaces the config. A different policy or policy parameters start a fresh learning state
   * (snapshotted at once); other changes apply to the next decision or window.
   */
  public synchronized ServiceConfig updateConfig(JsonNode patch) {
    ServiceConfig next = ConfigJson.merge(config, patch);
    if (next.contextDimensions() != config.contextDimensions()) {
      throw ApiProblem.badField(
          "contextDimensions", "cannot change on a running log (stored features would not match)");
    }
    Policy fresh = next.policyDiffers(config) ? policies.create(next) : null;
    persistConfig(next);
    config = next;
    if (fresh != null) {
      learner.reset(fresh);
    }
    return next;
  }

  private void persistConfig(ServiceConfig c) {
    log.submit(
            new LogWrite.Document(
                LogWrite.DocumentKind.CONFIG, "service", NudgeJson.tree(c).toString()))
        .join();
  }

  /** Adds or replaces a nudge, durably. */
  public Nudge putNudge(String id, Map<String, Double> features, String topic, String text) {
    synchronized (catalogue) {
      Nudge n = catalogue.put(id, features, topic, text, true);
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.NUDGE, id, NudgeJson.write(n))).join();
      return n;
    }
  }

  /** Deactivates a nudge (its key stays reserved); false when unknown or already deleted. */
  public boolean deleteNudge(String id) {
    synchronized (catalogue) {
      Nudge old = catalogue.get(id).orElse(null);
      if (old == null || !old.active()) {
        return false;
      }
      Nudge n = catalogue.put(id, old.features(), old.topic(), old.text(), false);
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.NUDGE, id, NudgeJson.write(n))).join();
      return true;
    }
  }

  /** Adds or replaces a user, durably. */
  public UserDirectory.User putUser(String id, Map<String, Double> features) {
    synchronized (users) {
      UserDirectory.User u = users.put(id, features);
      log.submit(
              new LogWrite.Document(LogWrite.DocumentKind.USER, id, NudgeJson.tree(u).toString()))
          .join();
      return u;
    }
  }

  /** Forgets a user, durably; false when unknown. */
  public boolean deleteUser(String id) {
    synchronized (users) {
      if (!users.remove(id)) {
        return false;
      }
      log.submit(new LogWrite.Document(LogWrite.DocumentKind.USER, id, null)).join();
      return true;
    }
  }

  /**
   * Loads embeddings from a two-tower model directory or an embeddings file and swaps them in;
   * requests in flight keep the old version.
   */
  public EmbeddingModel reloadModel(Path file) {
    EmbeddingModel next = EmbeddingModel.load(file);
    model.set(next);
    return next;
  }

  /** The serving policy's name. */
  public String policyName() {
    return learner.serving().name();
  }

  /** How many learning steps the policy has taken. */
  public long learnedSteps() {
    return learner.learnedSteps();
  }

  /** SHA-256 of the serving policy's state: equal states, equal digests. */
  public String stateDigest() {
    return EmbeddingModel.sha256(SnapshotFormat.state(learner.serving()));
  }

  /** Waits until the learner has processed everything handed to it so far. */
  public void sync() {
    learner.sync().join();
  }

  /** Writes the JSONL export of the log. */
  public void export(Writer out) throws IOException {
    log.exportJsonl(out);
  }

  private static JsonNode tree(String json) {
    try {
      return NudgeJson.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt config in the log", e);
    }
  }

  /** Stops learning (a final snapshot is stored) and closes the log. */
  @Override
  public void close() {
    ready = false;
    learner.close();
    log.close();
  }
}
