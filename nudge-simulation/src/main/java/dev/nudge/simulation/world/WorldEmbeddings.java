package dev.nudge.simulation.world;

import dev.nudge.core.Seeds;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

/**
 * Two-tower style embeddings of the world's nudges and users, read off the hidden {@link
 * ResponseModel} instead of trained, so that the neural policies (N-Greedy, N-GLM-UCB,
 * S-N-GALM-UCB, S-N-GBLM-UCB, two-stage) run on the world without a model: the embeddings a
 * perfectly trained two-tower model would reach, made as imperfect as asked.
 *
 * <p>Why they exist: leaving out the per-(user, nudge) offset ε, the truth's logit at a round is
 * exactly an inner product in {@value #NATURAL_DIMENSION} dimensions,
 *
 * <pre>
 *   logit − ε = b + β_k + gᵀv_k + τ cos(2π(h − h_k)/24) = ⟨x_k, z⟩,
 *   x_k = (1, β_k, v_k),   z = (b, 1, g + τ (0, …, 0, sin 2πh/24, cos 2πh/24)),
 * </pre>
 *
 * where v_k is {@link NudgeProfile#features()} (whose last two entries are the best hour on the
 * unit circle, which turns the right-time term into a dot product), g = Wᵀu + Uᵀc is the response
 * model's nudge-space vector of the user's features u and the moment's c, and h the moment's hour.
 * The nudge tower is x_k; the user tower is z, which reads the user and the moment as a query tower
 * reads user and context features.
 *
 * <p>Both are then mapped to {@code dimension} ≥ {@value #NATURAL_DIMENSION} coordinates by one
 * random matrix Q with orthonormal columns: inner products are kept exactly, while single
 * coordinates lose their meaning, as a trained model's would. {@code noise} &gt; 0 adds an
 * independent N(0, noise²) error to every coordinate, fixed per nudge and per user (the model's
 * error, not a fresh draw per decision). The parameters are frozen at round {@code asOfRound}: with
 * drift, the truth moves away from them as from a model trained once.
 *
 * <p>Everything derives from the world's seed, so equal arguments give equal embeddings. Immutable
 * apart from a cache of nudge vectors; thread-safe.
 */
public final class WorldEmbeddings {
  /**
   * The dimension of the exact factorisation: a constant, the nudge bias and the nudge features.
   */
  public static final int NATURAL_DIMENSION = 2 + NudgeProfile.FEATURE_NAMES.size();

  /** The largest accepted embedding dimension. */
  public static final int MAX_DIMENSION = 4096;

  // Where the nudge's best hour on the unit circle sits in the natural coordinates.
  private static final int BEST_HOUR_SIN = 2 + NudgeProfile.FEATURE_NAMES.indexOf("best-hour-sin");
  private static final int BEST_HOUR_COS = 2 + NudgeProfile.FEATURE_NAMES.indexOf("best-hour-cos");

  private final BankingWorld world;
  private final int dimension;
  private final double noise;
  private final long asOfRound;
  private final double[][] basis;
  private final double[][] userWeights;
  private final double[][] momentWeights;
  private final long nudgeNoiseSeed;
  private final long userNoiseSeed;
  private final AtomicReferenceArray<float[]> nudges;

  /**
   * @param world the world whose hidden model the embeddings factorise
   * @param dimension the embedding length d, in {@value #NATURAL_DIMENSION}..{@value
   *     #MAX_DIMENSION}
   * @param noise the standard deviation of the error added to every coordinate, ≥ 0 (0: exact)
   * @param asOfRound the round whose (drifting) parameters the embeddings freeze, ≥ 0
   */
  public WorldEmbeddings(BankingWorld world, int dimension, double noise, long asOfRound) {
    this.world = Objects.requireNonNull(world, "world");
    if (dimension < NATURAL_DIMENSION || dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "dimension must be in "
              + NATURAL_DIMENSION
              + ".."
              + MAX_DIMENSION
              + " (the exact factorisation needs "
              + NATURAL_DIMENSION
              + "), got "
              + dimension);
    }
    if (!(noise >= 0 && noise <= WorldConfig.MAX_EFFECT)) {
      throw new IllegalArgumentException(
          "noise must be in [0, " + WorldConfig.MAX_EFFECT + "], got " + noise);
    }
    if (asOfRound < 0) {
      throw new IllegalArgumentException("asOfRound must be >= 0, got " + asOfRound);
    }
    this.dimension = dimension;
    this.noise = noise;
    this.asOfRound = asOfRound;
    long seed = world.config().seed();
    this.basis = orthonormalColumns(Seeds.random(seed, "world.embeddings.basis"), dimension);
    this.userWeights = world.truth().userWeights(asOfRound);
    this.momentWeights = world.truth().momentWeights(asOfRound);
    this.nudgeNoiseSeed = Seeds.derive(seed, "world.embeddings.nudge-noise");
    this.userNoiseSeed = Seeds.derive(seed, "world.embeddings.user-noise");
    this.nudges = new AtomicReferenceArray<>(world.nudgeCount());
  }

  public BankingWorld world() {
    return world;
  }

  /** The embedding length d. */
  public int dimension() {
    return dimension;
  }

  /** The standard deviation of the per-coordinate error. */
  public double noise() {
    return noise;
  }

  /** The round whose parameters the embeddings freeze. */
  public long asOfRound() {
    return asOfRound;
  }

  /** The nudge tower's output x_k for nudge {@code k}, as a fresh array. */
  public float[] nudge(int k) {
    float[] x = nudges.get(k);
    if (x == null) {
      NudgeProfile n = world.nudge(k);
      double[] v = n.features();
      double[] natural = new double[NATURAL_DIMENSION];
      natural[0] = 1;
      natural[1] = world.truth().bias(k, asOfRound);
      System.arraycopy(v, 0, natural, 2, v.length);
      x = embed(natural, Seeds.random(nudgeNoiseSeed, k));
      // Two threads may build the same vector; both are equal, so either may win.
      nudges.compareAndSet(k, null, x);
    }
    return x.clone();
  }

  /** The user tower's output z for {@code user} at {@code moment}, as a fresh array. */
  public float[] user(UserProfile user, Moment moment) {
    double[] u = user.features();
    double[] c = moment.features();
    double[] natural = new double[NATURAL_DIMENSION];
    natural[0] = world.truth().intercept();
    natural[1] = 1;
    accumulate(natural, userWeights, u);
    accumulate(natural, momentWeights, c);
    // τ cos(2π(h − h_k)/24) = τ (sin h · sin h_k + cos h · cos h_k): the moment's hour on the unit
    // circle (its first two features) meets the nudge's best hour (its last two).
    natural[BEST_HOUR_SIN] += world.truth().timingEffect() * c[0];
    natural[BEST_HOUR_COS] += world.truth().timingEffect() * c[1];
    return embed(natural, Seeds.random(userNoiseSeed, user.index()));
  }

  /** {@link #user(UserProfile, Moment)} for a round's user and moment. */
  public float[] user(WorldRound round) {
    return user(round.user(), round.moment());
  }

  /** Q·natural plus the per-coordinate error drawn from {@code random}. */
  private float[] embed(double[] natural, RandomGenerator random) {
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      double s = 0;
      for (int j = 0; j < NATURAL_DIMENSION; j++) {
        s += basis[i][j] * natural[j];
      }
      // Draw the error even when noise is 0, so that the stream does not depend on it.
      out[i] = (float) (s + noise * random.nextGaussian());
    }
    return out;
  }

  /** out[2 + j] += Σ_i x_i M_ij: the nudge-feature part of z. */
  private static void accumulate(double[] out, double[][] m, double[] x) {
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        out[2 + j] += x[i] * m[i][j];
      }
    }
  }

  /**
   * A rows × {@value #NATURAL_DIMENSION} matrix with orthonormal columns: Gaussian columns
   * orthonormalised by modified Gram–Schmidt (twice, for columns orthogonal to rounding).
   */
  private static double[][] orthonormalColumns(RandomGenerator random, int rows) {
    int cols = NATURAL_DIMENSION;
    double[][] q = new double[rows][cols];
    for (double[] row : q) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < cols; j++) {
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (double[] row : q) {
            dot += row[j] * row[k];
          }
          for (double[] row : q) {
            row[j] -= dot * row[k];
          }
        }
        double norm = 0;
        for (double[] row : q) {
          norm += row[j] * row[j];
        }
        norm = Math.sqrt(norm);
        for (double[] row : q) {
          row[j] /= norm;
        }
      }
    }
    return q;
  }
}
