package dev.nudge.bandit.neural;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The confidence geometry of S-N-GBLM-UCB: W⁻¹ for W = I + Σ vec(x zᵀ)vec(x zᵀ)ᵀ over the (item,
 * user) pairs shown, or an approximation of it. vec(x zᵀ) is indexed item-major: entry (a, b) =
 * x_a·z_b sits at a·d2 + b.
 *
 * <p>The policy never forms vec(x zᵀ) per candidate. Once per decision it asks for the d1×d1
 * reduction M(z)_{ac} = Σ_{b,e} z_b (W⁻¹)_{(a,b),(c,e)} z_e, after which each candidate's squared
 * bonus ‖vec(x zᵀ)‖²_{W⁻¹} is xᵀM(z)x.
 */
public sealed interface BilinearInverse permits BlockBilinearInverse, KroneckerBilinearInverse {

  /** d1, the item embedding length. */
  int itemDimension();

  /** d2, the user embedding length. */
  int userDimension();

  /** Writes M(z) (row-major d1×d1, symmetric) into {@code m}, in double precision. */
  void reduce(double[] z, double[] m);

  /**
   * Writes M(z) into {@code m} at the precision the policy scores with (float). The exact inverse
   * reads a float mirror of W⁻¹ here, half the memory traffic of {@link #reduce}; the default
   * rounds {@link #reduce}.
   */
  default void reduceForScoring(double[] z, float[] m) {
    int d1 = itemDimension();
    double[] exact = new double[d1 * d1];
    reduce(z, exact);
    for (int i = 0; i < exact.length; i++) {
      m[i] = (float) exact[i];
    }
  }

  /**
   * W ← W + vec(x zᵀ)vec(x zᵀ)ᵀ, then writes W⁻¹vec(x zᵀ) for the updated W into {@code out}
   * (length d1·d2): the direction of the preconditioned GLM step.
   */
  void add(double[] x, double[] z, double[] out);

  /** How many pairs were added. */
  long updates();

  BilinearInverse copy();

  void write(DataOutputStream out) throws IOException;

  void read(DataInputStream in) throws IOException;
}
