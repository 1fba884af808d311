package dev.nudge.simulation;

import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.simulation.world.WorldConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code quickstart:} section of a config: how long {@code nudge quickstart} simulates and how
 * its policies are set. Missing keys take their {@code DEFAULT_*} (components are boxed so that the
 * binder can tell missing from a value; accessors never return null).
 *
 * @param rounds decisions per policy
 * @param slateSize nudges shown per decision
 * @param epsilon the ε of ε-greedy
 * @param thompsonAlpha the Beta prior's α of Thompson sampling
 * @param thompsonBeta the Beta prior's β of Thompson sampling
 * @param linucbAlpha the exploration weight α of LinUCB (0: greedy ridge regression)
 * @param embeddingNoise the error of the embeddings S-N-GBLM-UCB reads (see {@link
 *     dev.nudge.simulation.world.WorldEmbeddings}): the standard deviation added to every
 *     coordinate of the hidden model's own factorisation, standing in for a trained two-tower
 *     model's imperfection
 */
public record QuickstartConfig(
    Integer rounds,
    Integer slateSize,
    Double epsilon,
    Double thompsonAlpha,
    Double thompsonBeta,
    Double linucbAlpha,
    Double embeddingNoise) {

  /** About a second per policy on one core: the whole quickstart stays well under 20 s. */
  public static final int DEFAULT_ROUNDS = 50_000;

  public static final int DEFAULT_SLATE_SIZE = 1;
  public static final double DEFAULT_EPSILON = EpsilonGreedyPolicy.DEFAULT_EPSILON;
  public static final double DEFAULT_THOMPSON_ALPHA = 1;
  public static final double DEFAULT_THOMPSON_BETA = 1;
  public static final double DEFAULT_LINUCB_ALPHA = 1;
  public static final double DEFAULT_EMBEDDING_NOISE = 0.2;

  /** The embedding length the neural policy reads; the world's exact factorisation needs 15. */
  public static final int EMBEDDING_DIMENSION = 16;

  /** The most rounds accepted: a typo should not start a run of days. */
  public static final int MAX_ROUNDS = 100_000_000;

  /** One line of help per key, for {@code nudge config defaults}. */
  public static final Map<String, String> HELP = help();

  public QuickstartConfig {
    rounds = rounds == null ? DEFAULT_ROUNDS : rounds;
    slateSize = slateSize == null ? DEFAULT_SLATE_SIZE : slateSize;
    epsilon = epsilon == null ? DEFAULT_EPSILON : epsilon;
    thompsonAlpha = thompsonAlpha == null ? DEFAULT_THOMPSON_ALPHA : thompsonAlpha;
    thompsonBeta = thompsonBeta == null ? DEFAULT_THOMPSON_BETA : thompsonBeta;
    linucbAlpha = linucbAlpha == null ? DEFAULT_LINUCB_ALPHA : linucbAlpha;
    embeddingNoise = embeddingNoise == null ? DEFAULT_EMBEDDING_NOISE : embeddingNoise;
    if (rounds < 1 || rounds > MAX_ROUNDS) {
      throw new IllegalArgumentException("rounds must be in 1.." + MAX_ROUNDS + ", got " + rounds);
    }
    if (slateSize < 1) {
      throw new IllegalArgumentException("slateSize must be >= 1, got " + slateSize);
    }
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
    if (!(thompsonAlpha > 0 && Double.isFinite(thompsonAlpha))) {
      throw new IllegalArgumentException("thompsonAlpha must be > 0, got " + thompsonAlpha);
    }
    if (!(thompsonBeta > 0 && Double.isFinite(thompsonBeta))) {
      throw new IllegalArgumentException("thompsonBeta must be > 0, got " + thompsonBeta);
    }
    if (!(linucbAlpha >= 0 && Double.isFinite(linucbAlpha))) {
      throw new IllegalArgumentException("linucbAlpha must be >= 0, got " + linucbAlpha);
    }
    if (!(embeddingNoise >= 0 && embeddingNoise <= WorldConfig.MAX_EFFECT)) {
      throw new IllegalArgumentException(
          "embeddingNoise must be in [0, " + WorldConfig.MAX_EFFECT + "], got " + embeddingNoise);
    }
  }

  /** The default quickstart. */
  public static QuickstartConfig defaults() {
    return new QuickstartConfig(null, null, null, null, null, null, null);
  }

  /** This config with another round count. */
  public QuickstartConfig withRounds(int newRounds) {
    return new QuickstartConfig(
        newRounds, slateSize, epsilon, thompsonAlpha, thompsonBeta, linucbAlpha, embeddingNoise);
  }

  private static Map<String, String> help() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("rounds", "decisions per policy (--rounds overrides)");
    h.put("slateSize", "nudges shown per decision, at most world.nudges");
    h.put("epsilon", "exploration rate of epsilon-greedy, in [0, 1]");
    h.put("thompsonAlpha", "alpha of Thompson sampling's Beta prior, > 0");
    h.put("thompsonBeta", "beta of Thompson sampling's Beta prior, > 0");
    h.put("linucbAlpha", "exploration weight of LinUCB on nudge + user + moment features, >= 0");
    h.put(
        "embeddingNoise",
        "error of the embeddings S-N-GBLM-UCB reads (the hidden model's own, plus noise), >= 0");
    return Map.copyOf(h);
  }
}
