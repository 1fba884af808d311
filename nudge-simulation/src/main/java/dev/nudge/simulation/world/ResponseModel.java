package dev.nudge.simulation.world;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;

/**
 * The world's hidden ground truth: the exact probability that a user clicks a nudge at a moment,
 *
 * <pre>
 *   P(click | u, k, c, t) = σ( b + β_k(t) + uᵀ W(t) v_k + cᵀ U(t) v_k
 *                              + τ · cos(2π (hour − bestHour_k) / 24) + ε(u, k) )
 * </pre>
 *
 * where u, v_k and c are {@link UserProfile#features()}, {@link NudgeProfile#features()} and {@link
 * Moment#features()}; b = logit(baseRate); β_k is a per-nudge bias of standard deviation {@code
 * nudgeEffect}; ε(u, k) is a per-(user, nudge) offset of standard deviation {@code noise}, derived
 * from a hash of (user, nudge) so that it needs no table.
 *
 * <p>Drift: each drifting parameter X (W, U, every β_k) is the rotation X(t) = cos θ_t X₀ + sin θ_t
 * X₁ of two independent draws X₀, X₁ with θ_t = drift · t / 100,000. The parameters keep their
 * distribution at every t but move slowly, and X(t) stays exact and cheap at any t.
 *
 * <p>Immutable and thread-safe. Holds O(features²) numbers, nothing per user or per nudge.
 */
public final class ResponseModel {
  /** The rounds over which the rotation angle grows by {@code drift} radians. */
  public static final double DRIFT_PERIOD_ROUNDS = 100_000;

  // E‖u‖², E‖v‖² and E‖c‖² of the generators' features, so that the bilinear terms have roughly
  // the standard deviation the config asks for: Var(uᵀWv) = s² ‖u‖² ‖v‖² for iid W entries.
  private static final double USER_NORM2 = 9;
  private static final double NUDGE_NORM2 = 3.7;
  private static final double MOMENT_NORM2 = 2.6;

  private final double intercept;
  private final double nudgeEffect;
  private final double timingEffect;
  private final double noise;
  private final double drift;
  private final double[][] userWeights0;
  private final double[][] userWeights1;
  private final double[][] momentWeights0;
  private final double[][] momentWeights1;
  private final long biasSeed;
  private final long noiseSeed;

  ResponseModel(WorldConfig config) {
    this.intercept = Math.log(config.baseRate() / (1 - config.baseRate()));
    this.nudgeEffect = config.nudgeEffect();
    this.timingEffect = config.timingEffect();
    this.noise = config.noise();
    this.drift = config.drift();
    int du = UserProfile.FEATURE_NAMES.size();
    int dv = NudgeProfile.FEATURE_NAMES.size();
    int dc = Moment.FEATURE_NAMES.size();
    RandomGenerator r = Seeds.random(config.seed(), "world.truth");
    double userScale = config.userEffect() / Math.sqrt(USER_NORM2 * NUDGE_NORM2);
    double momentScale = config.contextEffect() / Math.sqrt(MOMENT_NORM2 * NUDGE_NORM2);
    this.userWeights0 = gaussian(r, du, dv, userScale);
    this.userWeights1 = gaussian(r, du, dv, userScale);
    this.momentWeights0 = gaussian(r, dc, dv, momentScale);
    this.momentWeights1 = gaussian(r, dc, dv, momentScale);
    this.biasSeed = Seeds.derive(config.seed(), "world.truth.bias");
    this.noiseSeed = Seeds.derive(config.seed(), "world.truth.noise");
  }

  /** The exact click probability, in (0, 1). */
  public double probability(UserProfile user, NudgeProfile nudge, Moment moment) {
    return sigmoid(logit(user, nudge, moment));
  }

  /** The logit of {@link #probability}. */
  public double logit(UserProfile user, NudgeProfile nudge, Moment moment) {
    return scorer(user, moment).logit(nudge);
  }

  /**
   * Scores every nudge for one (user, moment): the user and moment sides of both bilinear terms
   * fold into one nudge-space vector g = W(t)ᵀu + U(t)ᵀc, computed once, so that each nudge then
   * costs a dot product with its features instead of two matrix products. This is what makes a
   * round over ten thousand nudges cheap.
   */
  public Scorer scorer(UserProfile user, Moment moment) {
    double theta = angle(moment.round());
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double[] u = user.features();
    double[] c = moment.features();
    double[] g = new double[NudgeProfile.FEATURE_NAMES.size()];
    accumulate(g, userWeights0, u, cos);
    accumulate(g, userWeights1, u, sin);
    accumulate(g, momentWeights0, c, cos);
    accumulate(g, momentWeights1, c, sin);
    return new Scorer(user.index(), moment.hour(), cos, sin, g);
  }

  /** The logits of one (user, moment) for any nudge. Immutable. */
  public final class Scorer {
    private final int user;
    private final int hour;
    private final double cos;
    private final double sin;
    private final double[] g;

    private Scorer(int user, int hour, double cos, double sin, double[] g) {
      this.user = user;
      this.hour = hour;
      this.cos = cos;
      this.sin = sin;
      this.g = g;
    }

    public double logit(NudgeProfile nudge) {
      long key = biasKey(nudge.index());
      double z = intercept + nudgeEffect * (cos * hashGaussian(key) + sin * hashGaussian(~key));
      z += dot(g, nudge.features());
      z += timingEffect * Math.cos(2 * Math.PI * (hour - nudge.bestHour()) / 24);
      return z + offset(user, nudge.index());
    }

    public double probability(NudgeProfile nudge) {
      return sigmoid(logit(nudge));
    }
  }

  /** b = logit(baseRate). */
  public double intercept() {
    return intercept;
  }

  /** The rotation angle θ_t at a round. */
  public double angle(long round) {
    return drift * round / DRIFT_PERIOD_ROUNDS;
  }

  /** β_k(t), the per-nudge bias at a round. */
  public double bias(int nudge, long round) {
    double theta = angle(round);
    long key = biasKey(nudge);
    return nudgeEffect
        * (Math.cos(theta) * hashGaussian(key) + Math.sin(theta) * hashGaussian(~key));
  }

  /** ε(u, k), the hidden per-(user, nudge) offset. */
  public double offset(int user, int nudge) {
    if (noise == 0) {
      return 0;
    }
    return noise * hashGaussian(Seeds.mix(noiseSeed ^ Seeds.mix(user)) + nudge);
  }

  /** W(t), users × nudges features, as a fresh array. */
  public double[][] userWeights(long round) {
    return rotate(userWeights0, userWeights1, angle(round));
  }

  /** U(t), moment × nudge features, as a fresh array. */
  public double[][] momentWeights(long round) {
    return rotate(momentWeights0, momentWeights1, angle(round));
  }

  /** τ, the weight of the right-time term. */
  public double timingEffect() {
    return timingEffect;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * A standard normal draw that is a pure function of a 64-bit key (Box–Muller on two uniforms
   * taken from the key's SplitMix64 hashes), so per-pair noise needs no stored table.
   */
  static double hashGaussian(long key) {
    double u1 = ((Seeds.mix(key) >>> 11) + 0.5) * 0x1.0p-53;
    double u2 = ((Seeds.mix(key ^ 0x6A09E667F3BCC909L) >>> 11) + 0.5) * 0x1.0p-53;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private long biasKey(int nudge) {
    return Seeds.mix(biasSeed ^ Seeds.mix(nudge));
  }

  /** out += weight · Mᵀx, for M with one row per entry of x. */
  private static void accumulate(double[] out, double[][] m, double[] x, double weight) {
    for (int i = 0; i < m.length; i++) {
      double xi = weight * x[i];
      for (int j = 0; j < out.length; j++) {
        out[j] += xi * m[i][j];
      }
    }
  }

  private static double[][] gaussian(RandomGenerator r, int rows, int cols, double scale) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = scale * r.nextGaussian();
      }
    }
    return m;
  }

  private static double[][] rotate(double[][] a, double[][] b, double theta) {
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new double[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = cos * a[i][j] + sin * b[i][j];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
