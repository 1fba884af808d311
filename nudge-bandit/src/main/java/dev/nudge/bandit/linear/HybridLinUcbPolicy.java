package dev.nudge.bandit.linear;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.FeatureMap;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.Slates;
import dev.nudge.math.Dense;
import dev.nudge.math.ShermanMorrison;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hybrid LinUCB (Li et al. 2010, Algorithm 2): reward ≈ zᵀβ + xᵀθ_a, with β shared by all arms and
 * θ_a per arm key. Here z is the arm's feature vector ({@link FeatureMap}, dimension k) and x is
 * the context features followed by a constant 1 (dimension {@code contextDim + 1}), so each arm
 * also gets its own bias. The estimates are exactly the joint ridge regression (λ on every
 * coefficient) solved by block elimination; A₀ = λI + Σ zzᵀ − Σ_a B_aᵀA_a⁻¹B_a is re-inverted by
 * Cholesky on every update (O(k³)), the per-arm A_a by Sherman–Morrison.
 *
 * <p>Score zᵀβ̂ + xᵀθ̂_a + α√s with s = (z − w)ᵀA₀⁻¹(z − w) + xᵀA_a⁻¹x, u = A_a⁻¹x, w = B_aᵀu — the
 * paper's four-term s, regrouped. Deterministic: probability 1 per slot; no window.
 */
public final class HybridLinUcbPolicy implements Policy {
  private final double alpha;
  private final double lambda;
  private final int k;
  private final int contextDim;
  private final int d;
  private final FeatureMap features;
  private double[] a0;
  private double[] a0Inv;
  private double[] b0;
  private double[] beta;
  private Map<Integer, ArmBlock> arms = new TreeMap<>();

  /** The per-arm part: A_a (with inverse), B_a (d×k, row-major) and b_a. */
  private static final class ArmBlock {
    final ShermanMorrison design;
    final double[] coupling;
    final double[] b;

    ArmBlock(int d, int k, double lambda) {
      design = new ShermanMorrison(d, lambda, RidgeState.REINVERT_EVERY);
      coupling = new double[d * k];
      b = new double[d];
    }

    ArmBlock(ArmBlock other) {
      design = other.design.copy();
      coupling = other.coupling.clone();
      b = other.b.clone();
    }
  }

  /**
   * @param alpha the exploration weight α ≥ 0
   * @param lambda the ridge λ &gt; 0 (A₀ and every A_a start at λI)
   * @param k the shared (arm) feature dimension
   * @param contextDim the number of context features; the per-arm vector adds a constant 1
   * @param features how the shared vector z is built (usually {@code arm} or {@code embedding})
   */
  public HybridLinUcbPolicy(
      double alpha, double lambda, int k, int contextDim, FeatureMap features) {
    LinearChecks.nonNegative("alpha", alpha);
    LinearChecks.positive("lambda", lambda);
    LinearChecks.dimension("k", k);
    if (contextDim < 0) {
      throw new IllegalArgumentException("contextDim must be >= 0, got " + contextDim);
    }
    this.alpha = alpha;
    this.lambda = lambda;
    this.k = k;
    this.contextDim = contextDim;
    this.d = contextDim + 1;
    this.features = java.util.Objects.requireNonNull(features, "features");
    this.a0 = new double[k * k];
    this.b0 = new double[k];
    for (int i = 0; i < k; i++) {
      a0[i * k + i] = lambda;
    }
    refreshShared();
  }

  @Override
  public String name() {
    return "hybrid-linucb(alpha="
        + alpha
        + ", lambda="
        + lambda
        + ", k="
        + k
        + ", contextDim="
        + contextDim
        + ", features="
        + features.label()
        + ")";
  }

  private void refreshShared() {
    a0Inv = Dense.choleskyInverse(a0, k);
    beta = new double[k];
    Dense.symmetricTimes(a0Inv, b0, beta, k);
  }

  private double[] perArm(DecisionContext context) {
    double[] c = context.features();
    if (c.length != contextDim) {
      throw new IllegalArgumentException(
          "context has " + c.length + " features, the policy expects contextDim = " + contextDim);
    }
    double[] x = java.util.Arrays.copyOf(c, d);
    x[contextDim] = 1;
    return x;
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    double[] x = perArm(context);
    double[] u = new double[d];
    double[] w = new double[k];
    double[] zw = new double[k];
    double[] scratchK = new double[k];
    double[] residual = new double[d];
    double[] theta = new double[d];
    double[] scores = new double[scored.length];
    double[] means = new double[scored.length];
    double xx = Dense.dot(x, x, d);
    for (int s = 0; s < scored.length; s++) {
      Arm arm = context.candidates().get(scored[s]);
      double[] z = features.vector(context, arm, k);
      ArmBlock block = arms.get(arm.key());
      double mean = Dense.dot(z, beta, k);
      double var;
      if (block == null) {
        // A_a = λI, B_a = 0, b_a = 0: θ_a = 0, u = x/λ, w = 0.
        var = Dense.quadraticForm(a0Inv, z, scratchK, k) + xx / lambda;
      } else {
        block.design.solve(x, u);
        java.util.Arrays.fill(w, 0.0);
        for (int i = 0; i < d; i++) {
          double ui = u[i];
          int row = i * k;
          for (int j = 0; j < k; j++) {
            w[j] += ui * block.coupling[row + j];
          }
        }
        for (int j = 0; j < k; j++) {
          zw[j] = z[j] - w[j];
        }
        var = Dense.quadraticForm(a0Inv, zw, scratchK, k) + Dense.dot(x, u, d);
        // θ_a = A_a⁻¹(b_a − B_a β).
        for (int i = 0; i < d; i++) {
          residual[i] = block.b[i] - Dense.dotAt(block.coupling, i * k, beta, k);
        }
        block.design.solve(residual, theta);
        mean += Dense.dot(x, theta, d);
      }
      means[s] = mean;
      scores[s] = mean + alpha * Math.sqrt(Math.max(0, var));
    }
    return Slates.topScores(context, scored, scores, means, name());
  }

  @Override
  public void learn(Feedback feedback) {
    double[] x = perArm(feedback.context());
    double[] z = features.vector(feedback.context(), feedback.arm(), k);
    double r = feedback.reward();
    ArmBlock block = arms.computeIfAbsent(feedback.arm().key(), key -> new ArmBlock(d, k, lambda));
    // A₀ += B_aᵀA_a⁻¹B_a, b₀ += B_aᵀA_a⁻¹b_a with the arm's old state ...
    addSchur(block, +1);
    block.design.add(x, 1);
    for (int i = 0; i < d; i++) {
      int row = i * k;
      for (int j = 0; j < k; j++) {
        block.coupling[row + j] += x[i] * z[j];
      }
      block.b[i] += r * x[i];
    }
    // ... then A₀ += zzᵀ − B_aᵀA_a⁻¹B_a, b₀ += rz − B_aᵀA_a⁻¹b_a with the new one.
    for (int i = 0; i < k; i++) {
      int row = i * k;
      for (int j = 0; j < k; j++) {
        a0[row + j] += z[i] * z[j];
      }
      b0[i] += r * z[i];
    }
    addSchur(block, -1);
    refreshShared();
  }

  /** A₀ += sign·B_aᵀA_a⁻¹B_a and b₀ += sign·B_aᵀA_a⁻¹b_a. */
  private void addSchur(ArmBlock block, double sign) {
    double[] aInv = block.design.inverse();
    // m = A_a⁻¹B_a (d×k), then A₀ += sign·B_aᵀm, b₀ += sign·mᵀb_a (A_a⁻¹ symmetric).
    double[] m = new double[d * k];
    for (int i = 0; i < d; i++) {
      for (int l = 0; l < d; l++) {
        double c = aInv[i * d + l];
        int src = l * k;
        int dst = i * k;
        for (int j = 0; j < k; j++) {
          m[dst + j] += c * block.coupling[src + j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      int row = i * k;
      double bi = block.b[i];
      for (int p = 0; p < k; p++) {
        double bp = sign * block.coupling[row + p];
        int dst = p * k;
        for (int j = 0; j < k; j++) {
          a0[dst + j] += bp * m[row + j];
        }
        b0[p] += sign * m[row + p] * bi;
      }
    }
  }

  /** The shared β̂ (a copy), for tests and inspection. */
  public double[] shared() {
    return beta.clone();
  }

  /** θ̂_a = A_a⁻¹(b_a − B_aβ̂) of an arm key (length contextDim + 1), or null if never shown. */
  public double[] perArmTheta(int key) {
    ArmBlock block = arms.get(key);
    if (block == null) {
      return null;
    }
    double[] residual = new double[d];
    for (int i = 0; i < d; i++) {
      residual[i] = block.b[i] - Dense.dotAt(block.coupling, i * k, beta, k);
    }
    double[] theta = new double[d];
    block.design.solve(residual, theta);
    return theta;
  }

  @Override
  public Policy copy() {
    HybridLinUcbPolicy copy = new HybridLinUcbPolicy(alpha, lambda, k, contextDim, features);
    copy.a0 = a0.clone();
    copy.b0 = b0.clone();
    copy.a0Inv = a0Inv.clone();
    copy.beta = beta.clone();
    for (Map.Entry<Integer, ArmBlock> e : arms.entrySet()) {
      copy.arms.put(e.getKey(), new ArmBlock(e.getValue()));
    }
    return copy;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    RidgeState.writeArray(out, a0);
    RidgeState.writeArray(out, b0);
    out.writeInt(arms.size());
    for (Map.Entry<Integer, ArmBlock> e : arms.entrySet()) {
      ArmBlock block = e.getValue();
      out.writeInt(e.getKey());
      RidgeState.writeArray(out, block.design.matrix());
      RidgeState.writeArray(out, block.design.inverse());
      out.writeLong(block.design.updates());
      RidgeState.writeArray(out, block.coupling);
      RidgeState.writeArray(out, block.b);
    }
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    double[] shared = RidgeState.readArray(in, k * k);
    double[] sharedB = RidgeState.readArray(in, k);
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt hybrid LinUCB state: " + n + " arms");
    }
    Map<Integer, ArmBlock> read = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int key = in.readInt();
      ArmBlock block = new ArmBlock(d, k, lambda);
      double[] a = RidgeState.readArray(in, d * d);
      double[] aInv = RidgeState.readArray(in, d * d);
      block.design.load(a, aInv, in.readLong());
      System.arraycopy(RidgeState.readArray(in, d * k), 0, block.coupling, 0, d * k);
      System.arraycopy(RidgeState.readArray(in, d), 0, block.b, 0, d);
      read.put(key, block);
    }
    a0 = shared;
    b0 = sharedB;
    arms = read;
    refreshShared();
  }
}
