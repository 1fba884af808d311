package dev.nudge.bandit.neural;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The exact W⁻¹ of S-N-GBLM-UCB, kept by rank-1 Sherman–Morrison updates.
 *
 * <p>W⁻¹ is symmetric, so only its d2×d2 blocks B_ac with a ≤ c are stored: d1(d1+1)/2 blocks, 68
 * MiB instead of 128 MiB at d1 = d2 = 64. This halves the memory both hot loops stream:
 *
 * <ul>
 *   <li>M(z)_{ac} = zᵀB_ac z, one pass over the stored blocks (M is symmetric too);
 *   <li>the update needs u = W⁻¹ vec(x zᵀ), whose block a is Σ_c x_c B_ac z. One read of a stored
 *       block B_ac (a &lt; c) yields both B_ac z (for u_a) and B_acᵀ z = B_ca z (for u_c); a second
 *       pass subtracts u_a u_cᵀ/(1 + vᵀu) from each stored block.
 * </ul>
 *
 * <p>Updates run in double; {@link #reduceForScoring} reads the float copy, refreshed block by
 * block by each update while the block is in cache. Its error against the double reduction is
 * bounded in the tests.
 *
 * <p>{@link dev.nudge.math.ShermanMorrison} is not used here: it also keeps W itself (another 128
 * MiB streamed per update) for its periodic Cholesky re-inversion, and a 4096×4096 Cholesky costs
 * about 23 GFLOP. Drift of the updated inverse is checked against a fresh inverse in the tests.
 */
public final class BlockBilinearInverse implements BilinearInverse {
  private static final String TAG = "bilinear-inverse-exact";

  private final int d1;
  private final int d2;
  private final int blockSize;
  private final double[] blocks;
  // A float copy of the blocks for scoring: M(z) then streams 34 MiB instead of 68.
  private final float[] mirror;
  private long updates;

  /** W = I of size d1·d2. */
  public BlockBilinearInverse(int d1, int d2) {
    if (d1 < 1 || d2 < 1) {
      throw new IllegalArgumentException(
          "dimensions must be >= 1, got d1 = " + d1 + ", d2 = " + d2);
    }
    long size = (long) d1 * (d1 + 1) / 2 * d2 * d2;
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "d1 = " + d1 + ", d2 = " + d2 + " needs " + size + " doubles, more than one array holds");
    }
    this.d1 = d1;
    this.d2 = d2;
    this.blockSize = d2 * d2;
    this.blocks = new double[(int) size];
    this.mirror = new float[(int) size];
    for (int a = 0; a < d1; a++) {
      int off = offset(a, a);
      for (int b = 0; b < d2; b++) {
        blocks[off + b * d2 + b] = 1;
        mirror[off + b * d2 + b] = 1;
      }
    }
  }

  private BlockBilinearInverse(BlockBilinearInverse other) {
    this.d1 = other.d1;
    this.d2 = other.d2;
    this.blockSize = other.blockSize;
    this.blocks = other.blocks.clone();
    this.mirror = other.mirror.clone();
    this.updates = other.updates;
  }

  /** Start of block (a, c), a ≤ c, in {@link #blocks}. */
  private int offset(int a, int c) {
    return (a * (2 * d1 - a + 1) / 2 + (c - a)) * blockSize;
  }

  @Override
  public int itemDimension() {
    return d1;
  }

  @Override
  public int userDimension() {
    return d2;
  }

  @Override
  public void reduce(double[] z, double[] m) {
    int off = 0;
    for (int a = 0; a < d1; a++) {
      for (int c = a; c < d1; c++, off += blockSize) {
        double v = ScoringKernels.quadraticForm(blocks, off, z, d2);
        m[a * d1 + c] = v;
        m[c * d1 + a] = v;
      }
    }
  }

  @Override
  public void reduceForScoring(double[] z, float[] m) {
    float[] zf = new float[d2];
    for (int b = 0; b < d2; b++) {
      zf[b] = (float) z[b];
    }
    int off = 0;
    for (int a = 0; a < d1; a++) {
      for (int c = a; c < d1; c++, off += blockSize) {
        float v = ScoringKernels.quadraticForm(mirror, off, zf, d2);
        m[a * d1 + c] = v;
        m[c * d1 + a] = v;
      }
    }
  }

  @Override
  public void add(double[] x, double[] z, double[] out) {
    java.util.Arrays.fill(out, 0, d1 * d2, 0.0);
    double[] u = out;
    int off = 0;
    for (int a = 0; a < d1; a++) {
      for (int c = a; c < d1; c++, off += blockSize) {
        // u_a += x_c·B_ac z and, off the diagonal, u_c += x_a·B_acᵀz.
        ScoringKernels.bothProducts(
            blocks, off, z, d2, x[c], u, a * d2, a == c ? 0 : x[a], u, c * d2);
      }
    }
    double quad = 0;
    for (int a = 0; a < d1; a++) {
      double s = 0;
      for (int b = 0; b < d2; b++) {
        s += z[b] * u[a * d2 + b];
      }
      quad += x[a] * s;
    }
    double coef = 1 / (1 + quad);
    off = 0;
    for (int a = 0; a < d1; a++) {
      for (int c = a; c < d1; c++, off += blockSize) {
        ScoringKernels.rankOneUpdate(blocks, off, coef, u, a * d2, u, c * d2, d2);
        // The block was just written and is still in cache: refresh its float copy now.
        for (int i = off, end = off + blockSize; i < end; i++) {
          mirror[i] = (float) blocks[i];
        }
      }
    }
    // W_new⁻¹v = W_old⁻¹v / (1 + vᵀW_old⁻¹v).
    for (int i = 0; i < d1 * d2; i++) {
      u[i] *= coef;
    }
    updates++;
  }

  /** (W⁻¹)_{(a,b),(c,e)}, for tests and diagnostics. */
  public double get(int a, int b, int c, int e) {
    return a <= c ? blocks[offset(a, c) + b * d2 + e] : blocks[offset(c, a) + e * d2 + b];
  }

  @Override
  public long updates() {
    return updates;
  }

  @Override
  public BlockBilinearInverse copy() {
    return new BlockBilinearInverse(this);
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    StateFormat.writeHeader(out, TAG, d1, d2);
    out.writeLong(updates);
    StateFormat.writeDoubles(out, blocks);
  }

  @Override
  public void read(DataInputStream in) throws IOException {
    StateFormat.readHeader(in, TAG, d1, d2);
    long n = in.readLong();
    StateFormat.readDoubles(in, blocks);
    for (int i = 0; i < blocks.length; i++) {
      mirror[i] = (float) blocks[i];
    }
    updates = n;
  }
}
