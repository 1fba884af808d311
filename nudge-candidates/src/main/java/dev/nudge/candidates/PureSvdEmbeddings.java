package dev.nudge.candidates;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;

/**
 * Item embeddings from a truncated SVD of the binary user-item matrix (PureSVD, Cremonesi et al.,
 * RecSys 2010), computed by subspace iteration on {@code AᵀA}: the top right singular vectors V. A
 * user's vector is the sum of their history items' rows of V, so {@code user · item} is the PureSVD
 * score. Used where no trained two-tower model is at hand: it gives {@link EmbeddingSource} real
 * embeddings of the same shape (float[items][d], inner product).
 */
public final class PureSvdEmbeddings {
  private final float[][] items;

  private PureSvdEmbeddings(float[][] items) {
    this.items = items;
  }

  /**
   * @param graph the interactions
   * @param dim the embedding size, 1..items
   * @param iterations subspace iterations (10-20 is plenty for the leading vectors), >= 1
   * @param seed the seed of the random starting subspace
   */
  public static PureSvdEmbeddings fit(InteractionGraph graph, int dim, int iterations, long seed) {
    int n = graph.items();
    if (dim < 1 || dim > n) {
      throw new IllegalArgumentException("dim must be in 1.." + n + ", got " + dim);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    RandomGenerator rnd = Seeds.random(seed, "pure-svd");
    double[][] v = new double[dim][n];
    for (double[] col : v) {
      for (int i = 0; i < n; i++) {
        col[i] = rnd.nextGaussian();
      }
    }
    orthonormalise(v);
    double[] au = new double[dim];
    for (int it = 0; it < iterations; it++) {
      double[][] next = new double[dim][n];
      // next = Aᵀ (A v), one user row at a time: the matrix is never materialised.
      for (int u = 0; u < graph.users(); u++) {
        java.util.Arrays.fill(au, 0);
        for (int k = graph.userStart(u); k < graph.userEnd(u); k++) {
          int i = graph.userItemAt(k);
          for (int d = 0; d < dim; d++) {
            au[d] += v[d][i];
          }
        }
        for (int k = graph.userStart(u); k < graph.userEnd(u); k++) {
          int i = graph.userItemAt(k);
          for (int d = 0; d < dim; d++) {
            next[d][i] += au[d];
          }
        }
      }
      orthonormalise(next);
      v = next;
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        out[i][d] = (float) v[d][i];
      }
    }
    return new PureSvdEmbeddings(out);
  }

  /** Modified Gram-Schmidt over the columns (rows of {@code v}); degenerate columns become 0. */
  static void orthonormalise(double[][] v) {
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int i = 0; i < v[a].length; i++) {
          dot += v[a][i] * v[b][i];
        }
        for (int i = 0; i < v[a].length; i++) {
          v[a][i] -= dot * v[b][i];
        }
      }
      double norm = 0;
      for (double x : v[a]) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < v[a].length; i++) {
        v[a][i] = norm > 1e-12 ? v[a][i] / norm : 0;
      }
    }
  }

  /** The item embeddings, one row per item key (a copy). */
  public float[][] itemVectors() {
    float[][] out = new float[items.length][];
    for (int i = 0; i < items.length; i++) {
      out[i] = items[i].clone();
    }
    return out;
  }

  /** The user vector of a history: the sum of its items' embeddings (empty history: zeros). */
  public float[] userVector(int[] history) {
    float[] u = new float[items[0].length];
    for (int h : history) {
      if (h >= 0 && h < items.length) {
        for (int d = 0; d < u.length; d++) {
          u[d] += items[h][d];
        }
      }
    }
    return u;
  }
}
