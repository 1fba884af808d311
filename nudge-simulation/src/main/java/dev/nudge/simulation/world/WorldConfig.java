package dev.nudge.simulation.world;

import dev.nudge.core.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code world:} section of a config: the size of the synthetic banking world and the shape of
 * its hidden response model. Every key is optional; a missing one takes its {@code DEFAULT_*}. The
 * components are boxed so that the YAML binder can tell "missing" (null, replaced by the default)
 * from a value; the accessors never return null.
 *
 * @param seed root seed of every random stream of the world
 * @param users population size; users are generated on demand by index, never stored
 * @param nudges catalogue size K; the first five are the named banking nudges, the rest variants
 * @param baseRate σ(intercept): the click probability when every effect is zero (the mean CTR is
 *     higher, since the logit-scale spread raises the average of σ)
 * @param nudgeEffect standard deviation of the per-nudge bias on the logit scale
 * @param userEffect approximate standard deviation of the user × nudge term uᵀWv on the logit scale
 * @param contextEffect approximate standard deviation of the moment × nudge term cᵀUv
 * @param timingEffect weight of the "right time" term cos(2π(hour − bestHour)/24)
 * @param noise standard deviation of a hidden per-(user, nudge) logit offset no feature explains
 * @param drift radians per 100,000 rounds by which the hidden parameters rotate (0: stationary)
 * @param roundsPerDay decisions per simulated day (sets weekdays and timestamps)
 */
public record WorldConfig(
    Long seed,
    Integer users,
    Integer nudges,
    Double baseRate,
    Double nudgeEffect,
    Double userEffect,
    Double contextEffect,
    Double timingEffect,
    Double noise,
    Double drift,
    Integer roundsPerDay) {

  public static final long DEFAULT_SEED = Seeds.DEFAULT_SEED;
  public static final int DEFAULT_USERS = 100_000;
  public static final int DEFAULT_NUDGES = 5;
  public static final double DEFAULT_BASE_RATE = 0.05;
  public static final double DEFAULT_NUDGE_EFFECT = 0.5;
  public static final double DEFAULT_USER_EFFECT = 1.0;
  public static final double DEFAULT_CONTEXT_EFFECT = 0.5;
  public static final double DEFAULT_TIMING_EFFECT = 0.4;
  public static final double DEFAULT_NOISE = 0.3;
  public static final double DEFAULT_DRIFT = 0.2;
  public static final int DEFAULT_ROUNDS_PER_DAY = 10_000;

  /** The most nudges a world may have (the arm list of a decision holds them all). */
  public static final int MAX_NUDGES = 1_000_000;

  /** The largest logit-scale effect accepted; beyond it probabilities saturate at 0 or 1. */
  public static final double MAX_EFFECT = 10;

  /** One line of help per key, for {@code nudge config defaults} and docs/config.md. */
  public static final Map<String, String> HELP = help();

  public WorldConfig {
    seed = seed == null ? DEFAULT_SEED : seed;
    users = users == null ? DEFAULT_USERS : users;
    nudges = nudges == null ? DEFAULT_NUDGES : nudges;
    baseRate = baseRate == null ? DEFAULT_BASE_RATE : baseRate;
    nudgeEffect = nudgeEffect == null ? DEFAULT_NUDGE_EFFECT : nudgeEffect;
    userEffect = userEffect == null ? DEFAULT_USER_EFFECT : userEffect;
    contextEffect = contextEffect == null ? DEFAULT_CONTEXT_EFFECT : contextEffect;
    timingEffect = timingEffect == null ? DEFAULT_TIMING_EFFECT : timingEffect;
    noise = noise == null ? DEFAULT_NOISE : noise;
    drift = drift == null ? DEFAULT_DRIFT : drift;
    roundsPerDay = roundsPerDay == null ? DEFAULT_ROUNDS_PER_DAY : roundsPerDay;
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1, got " + users);
    }
    if (nudges < 2 || nudges > MAX_NUDGES) {
      throw new IllegalArgumentException("nudges must be in 2.." + MAX_NUDGES + ", got " + nudges);
    }
    if (!(baseRate > 0 && baseRate < 1)) {
      throw new IllegalArgumentException("baseRate must be in (0, 1), got " + baseRate);
    }
    requireEffect("nudgeEffect", nudgeEffect);
    requireEffect("userEffect", userEffect);
    requireEffect("contextEffect", contextEffect);
    requireEffect("timingEffect", timingEffect);
    requireEffect("noise", noise);
    if (!(drift >= 0 && drift <= 1000)) {
      throw new IllegalArgumentException("drift must be in [0, 1000], got " + drift);
    }
    if (roundsPerDay < 1) {
      throw new IllegalArgumentException("roundsPerDay must be >= 1, got " + roundsPerDay);
    }
  }

  /** The default world. */
  public static WorldConfig defaults() {
    return new WorldConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This config with another seed. */
  public WorldConfig withSeed(long newSeed) {
    return new WorldConfig(
        newSeed,
        users,
        nudges,
        baseRate,
        nudgeEffect,
        userEffect,
        contextEffect,
        timingEffect,
        noise,
        drift,
        roundsPerDay);
  }

  /** This config with another population and catalogue size. */
  public WorldConfig withSize(int newUsers, int newNudges) {
    return new WorldConfig(
        seed,
        newUsers,
        newNudges,
        baseRate,
        nudgeEffect,
        userEffect,
        contextEffect,
        timingEffect,
        noise,
        drift,
        roundsPerDay);
  }

  /** This config with other noise and drift. */
  public WorldConfig withNoiseAndDrift(double newNoise, double newDrift) {
    return new WorldConfig(
        seed,
        users,
        nudges,
        baseRate,
        nudgeEffect,
        userEffect,
        contextEffect,
        timingEffect,
        newNoise,
        newDrift,
        roundsPerDay);
  }

  private static void requireEffect(String name, double value) {
    if (!(value >= 0 && value <= MAX_EFFECT)) {
      throw new IllegalArgumentException(
          name + " must be in [0, " + MAX_EFFECT + "], got " + value);
    }
  }

  private static Map<String, String> help() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("seed", "root seed of every random stream of the world");
    h.put("users", "population size; users are generated by index on demand, never stored");
    h.put("nudges", "catalogue size K (>= 2); the first five are the named banking nudges");
    h.put(
        "baseRate",
        "sigmoid of the intercept: click probability with every effect at 0, in (0, 1)");
    h.put("nudgeEffect", "std of the per-nudge bias (logit scale)");
    h.put("userEffect", "approximate std of the user x nudge term (logit scale)");
    h.put("contextEffect", "approximate std of the moment x nudge term (logit scale)");
    h.put("timingEffect", "weight of cos(2 pi (hour - bestHour) / 24), the right-time term");
    h.put("noise", "std of a hidden per-(user, nudge) logit offset that no feature explains");
    h.put("drift", "radians per 100,000 rounds the hidden parameters rotate (0 = stationary)");
    h.put("roundsPerDay", "decisions per simulated day (weekdays and timestamps follow)");
    return Map.copyOf(h);
  }
}
