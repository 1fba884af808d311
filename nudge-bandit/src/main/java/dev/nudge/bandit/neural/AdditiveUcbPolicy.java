package dev.nudge.bandit.neural;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.math.ShermanMorrison;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * S-N-GALM-UCB, the shared additive neural UCB of the paper (Eq. 3):
 *
 * <pre>α(u, i) = ρ(γ x_iᵀθ̂_x + (1−γ) θ̂_zᵀz_u) + β (γ ‖x_i‖_{A_x⁻¹} + (1−γ) ‖z_u‖_{A_z⁻¹})</pre>
 *
 * with x_i the item's two-tower embedding ({@code Arm.embedding}), z_u the user's ({@code
 * DecisionContext.userEmbedding}), ρ the logistic function, and θ̂_x, θ̂_z, A_x = I + Σ x xᵀ, A_z =
 * I + Σ z zᵀ shared by all users and items (the paper's "shared" parameters; A_x accumulates the
 * items shown, A_z the users they were shown to).
 *
 * <p>{@link Form#ITEM_ONLY} is the released code's variant: one shared item matrix and no user
 * term, α = ρ(x_iᵀθ̂_x) + β ‖x_i‖_{A_x⁻¹}.
 *
 * <p>With an intercept (the paper's Table 3 note: "x_i is augmented as (x_{i,1}, ..., x_{i,d}, 1)";
 * the released code's heads are {@code nn.Linear} layers with biases) x and z carry a trailing
 * constant 1 inside the heads and the design matrices, so θ̂_x, θ̂_z and A_x, A_z have one more
 * entry. Without one, a zero-mean logit cannot express a low click rate except through a direction
 * of the embeddings: on MovieLens the first steps then push θ̂_x against the mean of the items
 * shown, which ranks the least typical items first, and some trials never recover (measured in
 * {@code bench/results/paper-reproduction-2026-11-23.md}). The factories and the registry turn it
 * on; the constructor without the flag keeps the embeddings as given.
 *
 * <p>Within one decision the user terms are the same for every candidate, so they shift scores
 * (which matters when scores are compared across decisions or stages) but not the ranking. Scoring
 * reads a float copy of A_x⁻¹ refreshed by each update; A_x⁻¹, A_z⁻¹ themselves are double {@link
 * ShermanMorrison} inverses re-inverted exactly every {@value #REINVERT_EVERY} updates. Slates are
 * deterministic (probability 1 per slot when every candidate is scored).
 */
public final class AdditiveUcbPolicy implements Policy {
  /** The paper's exploration weight. */
  public static final double DEFAULT_BETA = 0.1;

  /** The weight of the item term when none is given. */
  public static final double DEFAULT_GAMMA = 0.5;

  static final int REINVERT_EVERY = 1000;

  /** Which form of the acquisition function to use. */
  public enum Form {
    /** The paper's Eq. 3, item and user terms weighted by γ and 1 − γ. */
    PAPER,
    /** The released code: item term only (γ = 1), one shared item design matrix. */
    ITEM_ONLY
  }

  private final int d1;
  private final int d2;
  private final boolean intercept;
  // The lengths of the heads and design matrices: d1, d2 plus one each with an intercept.
  private final int px;
  private final int pz;
  private final double beta;
  private final double gamma;
  private final Form form;
  private final GlmStep step;
  private final double learningRate;

  private final double[] thetaX;
  private final double[] thetaZ;
  private final ShermanMorrison ax;
  private final ShermanMorrison az;
  // Scoring copies, refreshed by every update.
  private final float[] thetaXScoring;
  private final float[] axInverseScoring;

  /**
   * An item's terms: γ x_iᵀθ̂_x and ‖x_i‖_{A_x⁻¹}, for the embedding array they were computed from.
   * Final fields, so a record published through a racy array write is seen whole.
   */
  private record ItemTerms(float[] embedding, double logit, double width) {}

  /** Arm keys at or above this are scored without {@link #itemTerms}, to bound its array. */
  static final int MAX_REMEMBERED_KEY = 1 << 20;

  /**
   * The item terms of the arms scored since the last update, by arm key. They do not depend on the
   * user, so a published copy serving many decisions between two updates computes each item's once
   * instead of once per decision (the 65 x 65 quadratic form was most of this policy's decide). An
   * entry serves only the very embedding array it was computed from (a new model hands out new
   * arrays; embeddings are never changed in place), and it holds exactly what the same code would
   * compute again, so decisions are identical with or without it. Decisions on several threads may
   * fill it at once: a lost entry is only computed again.
   */
  private volatile ItemTerms[] itemTerms = new ItemTerms[0];

  /**
   * The policy without an intercept: x and z enter the heads as given.
   *
   * @see #AdditiveUcbPolicy(int, int, double, double, Form, GlmStep, double, boolean)
   */
  public AdditiveUcbPolicy(
      int itemDimension,
      int userDimension,
      double beta,
      double gamma,
      Form form,
      GlmStep step,
      double learningRate) {
    this(itemDimension, userDimension, beta, gamma, form, step, learningRate, false);
  }

  /**
   * @param itemDimension d1, the item embedding length
   * @param userDimension d2, the user embedding length (ignored by {@link Form#ITEM_ONLY})
   * @param beta the exploration weight, ≥ 0
   * @param gamma the item term's weight in [0, 1] (1 for {@link Form#ITEM_ONLY})
   * @param form the paper's form or the released code's item-only form
   * @param step how the GLM head learns
   * @param learningRate the step's learning rate, &gt; 0
   * @param intercept whether x and z are augmented with a constant 1 (a learned bias)
   */
  public AdditiveUcbPolicy(
      int itemDimension,
      int userDimension,
      double beta,
      double gamma,
      Form form,
      GlmStep step,
      double learningRate,
      boolean intercept) {
    NeuralSlates.requireDimension("itemDimension", itemDimension);
    NeuralSlates.requireDimension("userDimension", userDimension);
    NeuralSlates.requireBeta(beta);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    }
    if (form == Form.ITEM_ONLY && gamma != 1) {
      throw new IllegalArgumentException("gamma must be 1 for the item-only form, got " + gamma);
    }
    NeuralSlates.requireLearningRate(learningRate);
    this.d1 = itemDimension;
    this.d2 = userDimension;
    this.beta = beta;
    this.gamma = gamma;
    this.form = java.util.Objects.requireNonNull(form, "form");
    this.step = java.util.Objects.requireNonNull(step, "step");
    this.learningRate = learningRate;
    this.intercept = intercept;
    this.px = d1 + (intercept ? 1 : 0);
    this.pz = d2 + (intercept ? 1 : 0);
    this.thetaX = new double[px];
    this.thetaZ = new double[pz];
    this.ax = new ShermanMorrison(px, 1.0, REINVERT_EVERY);
    this.az = new ShermanMorrison(pz, 1.0, REINVERT_EVERY);
    this.thetaXScoring = new float[px];
    this.axInverseScoring = new float[px * px];
    refreshScoring();
  }

  /** The paper's form with β = 0.1, γ = 0.5, an intercept and the default preconditioned step. */
  public static AdditiveUcbPolicy paper(int itemDimension, int userDimension) {
    return new AdditiveUcbPolicy(
        itemDimension,
        userDimension,
        DEFAULT_BETA,
        DEFAULT_GAMMA,
        Form.PAPER,
        GlmStep.PRECONDITIONED,
        GlmStep.PRECONDITIONED.defaultLearningRate(false),
        true);
  }

  /**
   * The released code's item-only form with β = 0.1, an intercept and the default preconditioned
   * step.
   */
  public static AdditiveUcbPolicy itemOnly(int itemDimension) {
    return new AdditiveUcbPolicy(
        itemDimension,
        1,
        DEFAULT_BETA,
        1.0,
        Form.ITEM_ONLY,
        GlmStep.PRECONDITIONED,
        GlmStep.PRECONDITIONED.defaultLearningRate(false),
        true);
  }

  @Override
  public String name() {
    // A spec that NeuralPolicies rebuilds into an equal policy (PolicySnapshots relies on it).
    String step = this.step == GlmStep.GRADIENT ? "1" : "0";
    String bias = intercept ? "1" : "0";
    return form == Form.PAPER
        ? "s-n-galm-ucb(beta="
            + beta
            + ", gamma="
            + gamma
            + ", d1="
            + d1
            + ", d2="
            + d2
            + ", lr="
            + learningRate
            + ", gradient="
            + step
            + ", bias="
            + bias
            + ")"
        : "s-n-galm-ucb-item(beta="
            + beta
            + ", d1="
            + d1
            + ", lr="
            + learningRate
            + ", gradient="
            + step
            + ", bias="
            + bias
            + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = NeuralSlates.scoredSubset(context);
    double[] scores = new double[scored.length];
    double userLogit = 0;
    double userBonus = 0;
    if (form == Form.PAPER) {
      double[] z = augment(NeuralSlates.userEmbedding(context, d2, "s-n-galm-ucb"), pz);
      for (int b = 0; b < pz; b++) {
        userLogit += thetaZ[b] * z[b];
      }
      userLogit *= 1 - gamma;
      userBonus = (1 - gamma) * Math.sqrt(Math.max(0, az.quadraticForm(z)));
    }
    List<dev.nudge.bandit.Arm> arms = context.candidates();
    // The candidate's x with the intercept's 1 in its last slot (set once, never overwritten).
    float[] x = new float[px];
    if (intercept) {
      x[d1] = 1;
    }
    ItemTerms[] known = itemTerms;
    for (int k = 0; k < scored.length; k++) {
      dev.nudge.bandit.Arm arm = arms.get(scored[k]);
      float[] item = NeuralSlates.itemEmbedding(arm, d1, "s-n-galm-ucb");
      int key = arm.key();
      ItemTerms t = key < known.length ? known[key] : null;
      if (t == null || t.embedding != item) {
        t = itemTerms(item, x);
        known = remember(known, key, t);
      }
      scores[k] = NeuralSlates.sigmoid(t.logit + userLogit) + beta * (gamma * t.width + userBonus);
    }
    return NeuralSlates.top(context, scored, scores, name());
  }

  private ItemTerms itemTerms(float[] item, float[] x) {
    System.arraycopy(item, 0, x, 0, d1);
    double logit = gamma * ScoringKernels.dot(thetaXScoring, x, px);
    double quad = Math.max(0, ScoringKernels.quadraticForm(axInverseScoring, 0, x, px));
    return new ItemTerms(item, logit, Math.sqrt(quad));
  }

  /** Stores {@code t} at {@code key}, growing the array when needed; returns the array in use. */
  private ItemTerms[] remember(ItemTerms[] known, int key, ItemTerms t) {
    if (key >= MAX_REMEMBERED_KEY) {
      return known;
    }
    if (key >= known.length) {
      ItemTerms[] grown = java.util.Arrays.copyOf(known, Math.max(key + 1, 2 * known.length));
      grown[key] = t;
      itemTerms = grown;
      return grown;
    }
    known[key] = t;
    return known;
  }

  /** How many items' terms are remembered since the last update (for tests). */
  int rememberedItems() {
    int n = 0;
    for (ItemTerms t : itemTerms) {
      n += t == null ? 0 : 1;
    }
    return n;
  }

  /** The acquisition score of one (item, user) pair in double precision, from the definition. */
  public double score(float[] item, float[] user) {
    double[] x = augment(item, px);
    double logit = 0;
    for (int a = 0; a < px; a++) {
      logit += gamma * thetaX[a] * x[a];
    }
    double bonus = gamma * Math.sqrt(ax.quadraticForm(x));
    if (form == Form.PAPER) {
      double[] z = augment(user, pz);
      for (int b = 0; b < pz; b++) {
        logit += (1 - gamma) * thetaZ[b] * z[b];
      }
      bonus += (1 - gamma) * Math.sqrt(az.quadraticForm(z));
    }
    return NeuralSlates.sigmoid(logit) + beta * bonus;
  }

  @Override
  public void learn(Feedback feedback) {
    double[] x = augment(NeuralSlates.itemEmbedding(feedback.arm(), d1, "s-n-galm-ucb"), px);
    double[] z =
        form == Form.PAPER
            ? augment(NeuralSlates.userEmbedding(feedback.context(), d2, "s-n-galm-ucb"), pz)
            : null;
    double reward = Math.clamp(feedback.reward(), 0.0, 1.0);
    double logit = 0;
    for (int a = 0; a < px; a++) {
      logit += gamma * thetaX[a] * x[a];
    }
    if (z != null) {
      for (int b = 0; b < pz; b++) {
        logit += (1 - gamma) * thetaZ[b] * z[b];
      }
    }
    double residual = NeuralSlates.sigmoid(logit) - reward;
    ax.add(x, 1);
    stepHead(thetaX, ax, x, learningRate * residual * gamma);
    if (z != null) {
      az.add(z, 1);
      stepHead(thetaZ, az, z, learningRate * residual * (1 - gamma));
    }
    refreshScoring();
  }

  private void stepHead(double[] theta, ShermanMorrison design, double[] v, double scale) {
    if (step == GlmStep.PRECONDITIONED) {
      double[] direction = new double[v.length];
      design.solve(v, direction);
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= scale * direction[i];
      }
    } else {
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= scale * v[i];
      }
    }
  }

  /** {@code v} in double precision, followed by the intercept's 1 when {@code length} says so. */
  private static double[] augment(float[] v, int length) {
    if (v.length != length && v.length != length - 1) {
      throw new IllegalArgumentException(
          "embedding has length " + v.length + ", expected " + length + " or " + (length - 1));
    }
    double[] out = new double[length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    if (length > v.length) {
      out[v.length] = 1;
    }
    return out;
  }

  private void refreshScoring() {
    itemTerms = new ItemTerms[0];
    for (int a = 0; a < px; a++) {
      thetaXScoring[a] = (float) thetaX[a];
    }
    double[] inv = ax.inverse();
    for (int i = 0; i < inv.length; i++) {
      axInverseScoring[i] = (float) inv[i];
    }
  }

  /** θ̂_x, a copy (d1 + 1 entries with an intercept, the intercept's last). */
  public double[] itemCoefficients() {
    return thetaX.clone();
  }

  /** θ̂_z, a copy (d2 + 1 entries with an intercept, the intercept's last). */
  public double[] userCoefficients() {
    return thetaZ.clone();
  }

  @Override
  public AdditiveUcbPolicy copy() {
    return new AdditiveUcbPolicy(this);
  }

  /** A copy of every array; the scoring copies equal what refreshing them would give. */
  private AdditiveUcbPolicy(AdditiveUcbPolicy o) {
    this.d1 = o.d1;
    this.d2 = o.d2;
    this.intercept = o.intercept;
    this.px = o.px;
    this.pz = o.pz;
    this.beta = o.beta;
    this.gamma = o.gamma;
    this.form = o.form;
    this.step = o.step;
    this.learningRate = o.learningRate;
    this.thetaX = o.thetaX.clone();
    this.thetaZ = o.thetaZ.clone();
    this.ax = o.ax.copy();
    this.az = o.az.copy();
    this.thetaXScoring = o.thetaXScoring.clone();
    this.axInverseScoring = o.axInverseScoring.clone();
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    // The head lengths, so that a state saved with another intercept setting is refused.
    StateFormat.writeHeader(out, "s-n-galm-ucb", px, pz);
    StateFormat.writeDoubles(out, thetaX);
    StateFormat.writeDoubles(out, thetaZ);
    for (ShermanMorrison sm : List.of(ax, az)) {
      out.writeLong(sm.updates());
      StateFormat.writeDoubles(out, sm.matrix());
      StateFormat.writeDoubles(out, sm.inverse());
    }
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    StateFormat.readHeader(in, "s-n-galm-ucb", px, pz);
    double[] tx = new double[px];
    double[] tz = new double[pz];
    StateFormat.readDoubles(in, tx);
    StateFormat.readDoubles(in, tz);
    long[] counts = new long[2];
    double[][] mats = new double[4][];
    int[] dims = {px, pz};
    for (int s = 0; s < 2; s++) {
      counts[s] = in.readLong();
      mats[2 * s] = new double[dims[s] * dims[s]];
      mats[2 * s + 1] = new double[dims[s] * dims[s]];
      StateFormat.readDoubles(in, mats[2 * s]);
      StateFormat.readDoubles(in, mats[2 * s + 1]);
    }
    System.arraycopy(tx, 0, thetaX, 0, px);
    System.arraycopy(tz, 0, thetaZ, 0, pz);
    ax.load(mats[0], mats[1], counts[0]);
    az.load(mats[2], mats[3], counts[1]);
    refreshScoring();
  }
}
