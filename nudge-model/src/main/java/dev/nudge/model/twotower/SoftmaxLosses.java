package dev.nudge.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The softmax losses over explicit negatives: sampled softmax (each positive against k sampled
 * items) and the exact softmax over the whole catalogue. Both are the cross-entropy of the
 * positive's score against the scores of a set of negatives; with many negatives they approximate
 * (sampled) or are (catalogue) the full ranking that NDCG and HR measure, which is why they beat
 * pairwise BPR on MF-like models (Wu et al. 2022, "On the Effectiveness of Sampled Softmax Loss for
 * Item Recommendation"). Scalars are arrays of the step's manager, as {@link TowerGraph#constant}
 * explains.
 */
final class SoftmaxLosses {
  /** Added to a masked logit: exp of it is exactly 0 in float. */
  static final float MASKED = -1e9f;

  private SoftmaxLosses() {}

  /**
   * The scaled scores of each row's positive (b x 1) and of its k negatives (b x k), shared by the
   * losses over explicit negatives (sampled softmax here, BPR in the trainer).
   */
  record PairScores(NDArray positive, NDArray negative) {
    /**
     * @param users b x o user embeddings
     * @param positives b x o embeddings of each user's positive
     * @param negatives (b k) x o embeddings; rows c k .. c k + k - 1 are user c's negatives
     * @param invTemp a scalar: scores are multiplied by it
     */
    static PairScores of(NDArray users, NDArray positives, NDArray negatives, NDArray invTemp) {
      long b = users.getShape().get(0);
      long o = users.getShape().get(1);
      long k = negatives.getShape().get(0) / b;
      return new PairScores(
          users.mul(positives).sum(new int[] {1}, true).mul(invTemp),
          negatives.reshape(b, k, o).matMul(users.reshape(b, o, 1)).reshape(b, k).mul(invTemp));
    }
  }

  /**
   * Sampled softmax: the mean over the batch of -log softmax(t s(u, i), t s(u, j_1), ..., t s(u,
   * j_k))[0], t the inverse temperature.
   *
   * @param users b x o user embeddings
   * @param positives b x o embeddings of each user's positive
   * @param negatives (b k) x o embeddings; rows c k .. c k + k - 1 are user c's negatives
   * @param invTemp a scalar: scores are multiplied by it
   * @param negativeMask b x k, {@link #MASKED} where a sampled negative is the row's own positive
   *     (it would be scored against itself), else 0; or null for no mask
   */
  static NDArray sampledSoftmax(
      NDManager m,
      NDArray users,
      NDArray positives,
      NDArray negatives,
      NDArray invTemp,
      float[] negativeMask) {
    long b = users.getShape().get(0);
    long k = negatives.getShape().get(0) / b;
    PairScores scores = PairScores.of(users, positives, negatives, invTemp);
    NDArray positive = scores.positive();
    NDArray negative = scores.negative();
    if (negativeMask != null) {
      negative = negative.add(m.create(negativeMask, new Shape(b, k)));
    }
    NDArray logits = positive.concat(negative, 1);
    return logits.logSoftmax(1).get(":, 0").sum().neg().div(TowerGraph.constant(m, (float) b));
  }

  /**
   * The b x k mask of {@link #sampledSoftmax}: {@link #MASKED} where user c's j-th negative {@code
   * negatives[c k + j]} is its positive {@code positives[c]}; null when no negative is.
   */
  static float[] repeatedPositiveMask(int[] positives, int[] negatives) {
    int b = positives.length;
    int k = negatives.length / b;
    float[] mask = null;
    for (int c = 0; c < b; c++) {
      for (int j = 0; j < k; j++) {
        if (negatives[c * k + j] == positives[c]) {
          if (mask == null) {
            mask = new float[b * k];
          }
          mask[c * k + j] = MASKED;
        }
      }
    }
    return mask;
  }

  /**
   * The exact softmax over the catalogue: the mean over the batch of -log softmax_i(t s(u_c, i) +
   * mask[c, i]) at i = the row's positive.
   *
   * @param users b x o user embeddings
   * @param catalogue n x o embeddings of every item, row = item key
   * @param invTemp a scalar: scores are multiplied by it
   * @param rows the b x n mask and one-hot targets of {@link #catalogueRows}
   */
  static NDArray catalogueSoftmax(
      NDManager m, NDArray users, NDArray catalogue, NDArray invTemp, CatalogueRows rows) {
    long b = users.getShape().get(0);
    long n = catalogue.getShape().get(0);
    Shape shape = new Shape(b, n);
    NDArray logits =
        users.matMul(catalogue.transpose()).mul(invTemp).add(m.create(rows.mask(), shape));
    return logits
        .logSoftmax(1)
        .mul(m.create(rows.target(), shape))
        .sum()
        .neg()
        .div(TowerGraph.constant(m, (float) b));
  }

  /**
   * Per batch row, the additive mask ({@link #MASKED} on the user's training positives other than
   * the row's positive, else 0) and the one-hot target, both b x n row-major.
   */
  record CatalogueRows(float[] mask, float[] target) {}

  /**
   * The mask and targets of a batch: row c holds user {@code ub[c]} and positive {@code ib[c]}. The
   * user's other positives are masked, never counted as negatives: under a random split they are
   * items the user likes, and ranking them low is what the evaluation penalises.
   */
  static CatalogueRows catalogueRows(int[] ub, int[] ib, SeenItems seen, int items) {
    int b = ub.length;
    float[] mask = new float[b * items];
    float[] target = new float[b * items];
    for (int c = 0; c < b; c++) {
      int base = c * items;
      for (int k = seen.from(ub[c]); k < seen.to(ub[c]); k++) {
        mask[base + seen.item(k)] = MASKED;
      }
      mask[base + ib[c]] = 0f;
      target[base + ib[c]] = 1f;
    }
    return new CatalogueRows(mask, target);
  }

  /** Every item key 0..items-1: the item pass of the catalogue softmax. */
  static int[] allItems(int items) {
    int[] all = new int[items];
    Arrays.setAll(all, i -> i);
    return all;
  }
}
