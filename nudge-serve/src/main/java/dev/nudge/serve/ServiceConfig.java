package dev.nudge.serve;

import dev.nudge.serve.learn.LearnSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The service's runtime configuration, read and replaced through {@code GET/PUT /v1/config}.
 *
 * @param policy the policy spec, e.g. {@code epsilon-greedy} or {@code linucb(d=64)} (see {@link
 *     PolicyFactory})
 * @param exploration the policy's exploration rate (ε for ε-greedy), in [0, 1]
 * @param params further numeric policy parameters by name
 * @param rewardWait how long after activation rewards are learned
 * @param defaultReward learned when a window closes without a reward
 * @param aggregation how several rewards of one event combine
 * @param learningMode online, apprentice or logging-only
 * @param objectiveWeights weight of each named objective in {@code {values:{...}}} rewards; an
 *     objective not listed is rejected unless the map is empty (then every weight is 1)
 * @param slateSize default slate size when a request gives none
 * @param contextDimensions length of the hashed context vector
 * @param snapshotEvery learning steps between policy snapshots
 */
public record ServiceConfig(
    String policy,
    double exploration,
    Map<String, Double> params,
    Duration rewardWait,
    double defaultReward,
    LearnSettings.Aggregation aggregation,
    LearnSettings.LearningMode learningMode,
    Map<String, Double> objectiveWeights,
    int slateSize,
    int contextDimensions,
    long snapshotEvery) {

  /** Personalizer's default reward wait time. */
  public static final Duration DEFAULT_REWARD_WAIT = Duration.ofMinutes(10);

  /** The longest slate a request may ask for. */
  public static final int MAX_SLATE_SIZE = 100;

  public ServiceConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(rewardWait, "rewardWait");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(learningMode, "learningMode");
    params = Map.copyOf(params);
    objectiveWeights = Map.copyOf(objectiveWeights);
    if (!(exploration >= 0 && exploration <= 1)) {
      throw ApiProblem.badField("exploration", "must be in [0, 1], got " + exploration);
    }
    if (rewardWait.isNegative() || rewardWait.isZero() || rewardWait.toDays() > 30) {
      throw ApiProblem.badField(
          "rewardWait", "must be positive and at most 30 days, got " + rewardWait);
    }
    if (!Double.isFinite(defaultReward)) {
      throw ApiProblem.badField("defaultReward", "must be finite, got " + defaultReward);
    }
    for (Map.Entry<String, Double> w : objectiveWeights.entrySet()) {
      if (!Double.isFinite(w.getValue())) {
        throw ApiProblem.badField(
            "objectiveWeights." + w.getKey(), "must be finite, got " + w.getValue());
      }
    }
    for (Map.Entry<String, Double> p : params.entrySet()) {
      if (!Double.isFinite(p.getValue())) {
        throw ApiProblem.badField("params." + p.getKey(), "must be finite, got " + p.getValue());
      }
    }
    if (slateSize < 1 || slateSize > MAX_SLATE_SIZE) {
      throw ApiProblem.badField(
          "slateSize", "must be in 1.." + MAX_SLATE_SIZE + ", got " + slateSize);
    }
    if (contextDimensions < 1 || contextDimensions > FeatureHasher.MAX_DIMENSIONS) {
      throw ApiProblem.badField(
          "contextDimensions",
          "must be in 1.." + FeatureHasher.MAX_DIMENSIONS + ", got " + contextDimensions);
    }
    if (snapshotEvery < 1) {
      throw ApiProblem.badField("snapshotEvery", "must be >= 1, got " + snapshotEvery);
    }
  }

  /** ε-greedy with ε = 0.1, a 10-minute window, default reward 0, earliest reward, online. */
  public static ServiceConfig defaults() {
    return new ServiceConfig(
        "epsilon-greedy",
        0.1,
        Map.of(),
        DEFAULT_REWARD_WAIT,
        0.0,
        LearnSettings.Aggregation.EARLIEST,
        LearnSettings.LearningMode.ONLINE,
        Map.of(),
        1,
        32,
        10_000);
  }

  /** The learner's view of this config. */
  public LearnSettings learnSettings() {
    return new LearnSettings(rewardWait, defaultReward, aggregation, learningMode, snapshotEvery);
  }

  /** True when switching to {@code other} needs a new policy (a fresh learning state). */
  public boolean policyDiffers(ServiceConfig other) {
    return !policy.equals(other.policy)
        || exploration != other.exploration
        || !new TreeMap<>(params).equals(new TreeMap<>(other.params));
  }

  public ServiceConfig withRewardWait(Duration wait) {
    return new ServiceConfig(
        policy,
        exploration,
        params,
        wait,
        defaultReward,
        aggregation,
        learningMode,
        objectiveWeights,
        slateSize,
        contextDimensions,
        snapshotEvery);
  }

  public ServiceConfig withAggregation(LearnSettings.Aggregation a) {
    return new ServiceConfig(
        policy,
        exploration,
        params,
        rewardWait,
        defaultReward,
        a,
        learningMode,
        objectiveWeights,
        slateSize,
        contextDimensions,
        snapshotEvery);
  }

  public ServiceConfig withSnapshotEvery(long every) {
    return new ServiceConfig(
        policy,
        exploration,
        params,
        rewardWait,
        defaultReward,
        aggregation,
        learningMode,
        objectiveWeights,
        slateSize,
        contextDimensions,
        every);
  }

  /** This config with another policy spec (its learning state starts fresh when applied). */
  public ServiceConfig withPolicy(String spec) {
    return new ServiceConfig(
        spec,
        exploration,
        params,
        rewardWait,
        defaultReward,
        aggregation,
        learningMode,
        objectiveWeights,
        slateSize,
        contextDimensions,
        snapshotEvery);
  }
}
