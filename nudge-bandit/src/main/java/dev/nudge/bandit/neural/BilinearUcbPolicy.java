package dev.nudge.bandit.neural;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * S-N-GBLM-UCB, the shared bilinear neural UCB of the paper (Eq. 4):
 *
 * <pre>α(u, i) = ρ(x_iᵀ Θ̂ z_u) + β ‖vec(x_i z_uᵀ)‖_{W⁻¹},  W = I + Σ vec(x zᵀ) vec(x zᵀ)ᵀ</pre>
 *
 * with Θ̂ (d1×d2) and W (d1·d2 square, 4096 at d = 64) shared by all user–item pairs.
 *
 * <p>A decision costs one pass over W⁻¹ to form M(z) (see {@link BilinearInverse}), then O(d1²) per
 * candidate: the mean is x·(Θ̂z) with Θ̂z computed once, the bonus √(xᵀM(z)x). M(z) is reduced in
 * double and scored in float (the bonus needs a few significant digits, not sixteen).
 *
 * <p>{@link Bonus#EXACT} keeps W⁻¹ exactly ({@link BlockBilinearInverse}, 102 MiB at d = 64);
 * {@link Bonus#KRONECKER} uses the Kronecker-factored approximation ({@link
 * KroneckerBilinearInverse}, kilobytes). Slates are deterministic.
 */
public final class BilinearUcbPolicy implements Policy {
  /** The paper's exploration weight. */
  public static final double DEFAULT_BETA = 0.1;

  /** How W⁻¹ is kept. */
  public enum Bonus {
    /** The exact inverse by Sherman–Morrison updates. */
    EXACT,
    /** The Kronecker-factored approximation. */
    KRONECKER
  }

  private final int d1;
  private final int d2;
  private final double beta;
  private final Bonus bonus;
  private final GlmStep step;
  private final double learningRate;
  private final double[] theta;
  private final BilinearInverse inverse;

  /**
   * @param itemDimension d1, the item embedding length
   * @param userDimension d2, the user embedding length
   * @param beta the exploration weight, ≥ 0
   * @param bonus exact or Kronecker-approximated W⁻¹
   * @param step how Θ̂ learns
   * @param learningRate the step's learning rate, &gt; 0
   */
  public BilinearUcbPolicy(
      int itemDimension,
      int userDimension,
      double beta,
      Bonus bonus,
      GlmStep step,
      double learningRate) {
    this(
        itemDimension,
        userDimension,
        beta,
        bonus,
        step,
        learningRate,
        newInverse(itemDimension, userDimension, bonus));
  }

  private BilinearUcbPolicy(
      int d1,
      int d2,
      double beta,
      Bonus bonus,
      GlmStep step,
      double learningRate,
      BilinearInverse inverse) {
    NeuralSlates.requireBeta(beta);
    NeuralSlates.requireLearningRate(learningRate);
    this.d1 = d1;
    this.d2 = d2;
    this.beta = beta;
    this.bonus = bonus;
    this.step = Objects.requireNonNull(step, "step");
    this.learningRate = learningRate;
    this.theta = new double[d1 * d2];
    this.inverse = inverse;
  }

  private static BilinearInverse newInverse(int d1, int d2, Bonus bonus) {
    NeuralSlates.requireDimension("itemDimension", d1);
    NeuralSlates.requireDimension("userDimension", d2);
    return switch (Objects.requireNonNull(bonus, "bonus")) {
      case EXACT -> new BlockBilinearInverse(d1, d2);
      case KRONECKER -> new KroneckerBilinearInverse(d1, d2);
    };
  }

  /** The paper's policy: exact W⁻¹, β = 0.1, the default preconditioned step. */
  public static BilinearUcbPolicy exact(int itemDimension, int userDimension) {
    return new BilinearUcbPolicy(
        itemDimension,
        userDimension,
        DEFAULT_BETA,
        Bonus.EXACT,
        GlmStep.PRECONDITIONED,
        GlmStep.PRECONDITIONED.defaultLearningRate(true));
  }

  /** The Kronecker-approximated variant, β = 0.1, the default preconditioned step. */
  public static BilinearUcbPolicy kronecker(int itemDimension, int userDimension) {
    return new BilinearUcbPolicy(
        itemDimension,
        userDimension,
        DEFAULT_BETA,
        Bonus.KRONECKER,
        GlmStep.PRECONDITIONED,
        GlmStep.PRECONDITIONED.defaultLearningRate(true));
  }

  @Override
  public String name() {
    // A spec that NeuralPolicies rebuilds into an equal policy (PolicySnapshots relies on it).
    return (bonus == Bonus.EXACT ? "s-n-gblm-ucb" : "s-n-gblm-ucb-kronecker")
        + "(beta="
        + beta
        + ", d1="
        + d1
        + ", d2="
        + d2
        + ", lr="
        + learningRate
        + ", gradient="
        + (step == GlmStep.GRADIENT ? "1" : "0")
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    double[] z = NeuralSlates.toDouble(NeuralSlates.userEmbedding(context, d2, "s-n-gblm-ucb"));
    int[] scored = NeuralSlates.scoredSubset(context);
    List<Arm> arms = context.candidates();
    // Check every embedding before the expensive reduction.
    for (int index : scored) {
      NeuralSlates.itemEmbedding(arms.get(index), d1, "s-n-gblm-ucb");
    }
    float[] thetaZ = new float[d1];
    for (int a = 0; a < d1; a++) {
      double s = 0;
      for (int b = 0; b < d2; b++) {
        s += theta[a * d2 + b] * z[b];
      }
      thetaZ[a] = (float) s;
    }
    float[] mf = new float[d1 * d1];
    inverse.reduceForScoring(z, mf);
    double[] scores = new double[scored.length];
    for (int k = 0; k < scored.length; k++) {
      float[] x = arms.get(scored[k]).embedding();
      double mean = NeuralSlates.sigmoid(ScoringKernels.dot(thetaZ, x, d1));
      double quad = Math.max(0, ScoringKernels.quadraticForm(mf, 0, x, d1));
      scores[k] = mean + beta * Math.sqrt(quad);
    }
    return NeuralSlates.top(context, scored, scores, name());
  }

  @Override
  public void learn(Feedback feedback) {
    double[] x =
        NeuralSlates.toDouble(NeuralSlates.itemEmbedding(feedback.arm(), d1, "s-n-gblm-ucb"));
    double[] z =
        NeuralSlates.toDouble(NeuralSlates.userEmbedding(feedback.context(), d2, "s-n-gblm-ucb"));
    double reward = Math.clamp(feedback.reward(), 0.0, 1.0);
    double logit = 0;
    for (int a = 0; a < d1; a++) {
      double s = 0;
      for (int b = 0; b < d2; b++) {
        s += theta[a * d2 + b] * z[b];
      }
      logit += x[a] * s;
    }
    double scale = learningRate * (NeuralSlates.sigmoid(logit) - reward);
    double[] direction = new double[d1 * d2];
    inverse.add(x, z, direction);
    if (step == GlmStep.PRECONDITIONED) {
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= scale * direction[i];
      }
    } else {
      for (int a = 0; a < d1; a++) {
        for (int b = 0; b < d2; b++) {
          theta[a * d2 + b] -= scale * x[a] * z[b];
        }
      }
    }
  }

  /** Θ̂ row-major (d1×d2), a copy. */
  public double[] coefficients() {
    return theta.clone();
  }

  /** The confidence geometry (read-only use: tests, diagnostics, benchmarks). */
  public BilinearInverse inverse() {
    return inverse;
  }

  @Override
  public BilinearUcbPolicy copy() {
    BilinearUcbPolicy copy =
        new BilinearUcbPolicy(d1, d2, beta, bonus, step, learningRate, inverse.copy());
    System.arraycopy(theta, 0, copy.theta, 0, theta.length);
    return copy;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    StateFormat.writeHeader(out, "s-n-gblm-ucb", d1, d2);
    StateFormat.writeDoubles(out, theta);
    inverse.write(out);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    StateFormat.readHeader(in, "s-n-gblm-ucb", d1, d2);
    double[] t = new double[theta.length];
    StateFormat.readDoubles(in, t);
    inverse.read(in);
    System.arraycopy(t, 0, theta, 0, t.length);
  }
}
