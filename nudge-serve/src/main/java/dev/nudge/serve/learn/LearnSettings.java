package dev.nudge.serve.learn;

import java.time.Duration;
import java.util.Objects;

/**
 * How rewards become learning steps.
 *
 * @param rewardWait how long after activation rewards are learned; later ones are only stored
 * @param defaultReward learned when the window closes without a reward
 * @param aggregation how several rewards in one window combine
 * @param learning whether and how the policy learns
 * @param snapshotEvery a snapshot is stored after this many learning steps
 */
public record LearnSettings(
    Duration rewardWait,
    double defaultReward,
    Aggregation aggregation,
    LearningMode learning,
    long snapshotEvery) {

  public LearnSettings {
    Objects.requireNonNull(rewardWait, "rewardWait");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(learning, "learning");
    if (rewardWait.isNegative() || rewardWait.isZero()) {
      throw new IllegalArgumentException("rewardWait must be positive, got " + rewardWait);
    }
    if (!Double.isFinite(defaultReward)) {
      throw new IllegalArgumentException("defaultReward must be finite, got " + defaultReward);
    }
    if (snapshotEvery < 1) {
      throw new IllegalArgumentException("snapshotEvery must be >= 1, got " + snapshotEvery);
    }
  }

  /** How rewards in one window combine. */
  public enum Aggregation {
    /** The sum of every reward received in the window, learned when the window closes. */
    SUM,
    /** The first reward, learned as soon as it arrives; later ones are stored only. */
    EARLIEST;

    /** The name used in JSON: sum, earliest. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The aggregation with this wire name, or null when there is none. */
    public static Aggregation ofWireName(String name) {
      for (Aggregation a : values()) {
        if (a.wireName().equals(name)) {
          return a;
        }
      }
      return null;
    }
  }

  /** Whether and how the policy learns. */
  public enum LearningMode {
    /** The policy's slate is served and the policy learns from its rewards. */
    ONLINE,
    /**
     * The caller's baseline action is served and rewarded; the policy learns from it (imitation)
     * while its own choices are only logged.
     */
    APPRENTICE,
    /** Decisions and rewards are logged, nothing is learned. */
    LOGGING_ONLY;

    /** The name used in JSON and the log: online, apprentice, logging-only. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The mode with this wire name, or null when there is none. */
    public static LearningMode ofWireName(String name) {
      for (LearningMode m : values()) {
        if (m.wireName().equals(name)) {
          return m;
        }
      }
      return null;
    }
  }
}
