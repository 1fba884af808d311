package dev.nudge.core;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded randomness, the only way Nudge makes random numbers. A run has one root seed; each
 * consumer derives its own stream from the root and a name (or an event id), so adding a consumer
 * never shifts the numbers another one sees, and any decision can be replayed from its event id
 * alone.
 */
public final class Seeds {
  /** The seed used where a config does not name one. */
  public static final long DEFAULT_SEED = 20261123L;

  private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
      RandomGeneratorFactory.of("L64X128MixRandom");

  private Seeds() {}

  /** A fresh generator for a 64-bit seed. */
  public static RandomGenerator random(long seed) {
    return FACTORY.create(mix(seed));
  }

  /** A generator for one named stream under a root seed ("world.users", "trial-3"). */
  public static RandomGenerator random(long rootSeed, String stream) {
    return random(derive(rootSeed, stream));
  }

  /** A generator for one indexed stream under a root seed (user 17, round 2000). */
  public static RandomGenerator random(long rootSeed, long index) {
    return random(mix(rootSeed ^ mix(index + 0x9E3779B97F4A7C15L)));
  }

  /** The generator of a decision: the same event id always gives the same numbers. */
  public static RandomGenerator forEvent(String eventId) {
    return random(derive(0x5EED_0F_E7E47L, eventId));
  }

  /** A child seed: a deterministic 64-bit hash of the root and the stream name. */
  public static long derive(long rootSeed, String stream) {
    long h = mix(rootSeed);
    for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    return h;
  }

  /** SplitMix64's finaliser: a bijection that spreads nearby seeds apart. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
