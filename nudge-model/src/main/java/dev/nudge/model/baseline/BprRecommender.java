package dev.nudge.model.baseline;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * BPR matrix factorisation: score(u, i) = p_u . q_i + b_i, trained by SGD on the pairwise loss -ln
 * sigmoid(score(u, i) - score(u, j)) for a positive i and a uniformly drawn unseen item j. Every
 * training row counts as a positive. Immutable once fitted; deterministic for a seed.
 */
public final class BprRecommender {
  private final int factors;
  private final float[] users;
  private final float[] items;
  private final float[] bias;

  private BprRecommender(int factors, float[] users, float[] items, float[] bias) {
    this.factors = factors;
    this.users = users;
    this.items = items;
    this.bias = bias;
  }

  /** Scores the factors after an epoch (higher is better), e.g. validation NDCG@10. */
  @FunctionalInterface
  public interface EpochScore {
    /**
     * @param snapshot the factors as they are now; valid only during the call
     */
    double score(BprRecommender snapshot);
  }

  /** Fits the factors to the positives of {@code train}, for every configured epoch. */
  public static BprRecommender fit(
      InteractionLog train, int userCount, int itemCount, BprConfig config, Progress progress) {
    return fit(train, userCount, itemCount, config, null, 1, progress);
  }

  /**
   * Fits the factors with early stopping: after each epoch {@code validation} scores them, training
   * stops once {@code patience} epochs in a row brought no better score, and the best epoch's
   * factors are returned.
   *
   * @param validation the score after each epoch, or null to run every epoch
   * @param patience epochs without a better score before stopping, >= 1
   */
  public static BprRecommender fit(
      InteractionLog train,
      int userCount,
      int itemCount,
      BprConfig config,
      EpochScore validation,
      int patience,
      Progress progress) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, got " + patience);
    }
    int f = config.factors();
    int[][] seen = new int[userCount][];
    int[] counts = new int[userCount];
    for (int r = 0; r < train.size(); r++) {
      checkRow(train, r, userCount, itemCount);
      counts[train.user(r)]++;
    }
    for (int u = 0; u < userCount; u++) {
      seen[u] = new int[counts[u]];
    }
    int[] fill = new int[userCount];
    for (int r = 0; r < train.size(); r++) {
      seen[train.user(r)][fill[train.user(r)]++] = train.item(r);
    }
    for (int u = 0; u < userCount; u++) {
      Arrays.sort(seen[u]);
    }
    RandomGenerator init = Seeds.random(config.seed(), "bpr.init");
    float[] p = new float[userCount * f];
    float[] q = new float[itemCount * f];
    for (int k = 0; k < p.length; k++) {
      p[k] = (float) (init.nextGaussian() * 0.1);
    }
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) (init.nextGaussian() * 0.1);
    }
    float[] b = new float[itemCount];
    RandomGenerator rng = Seeds.random(config.seed(), "bpr.sgd");
    float lr = (float) config.learningRate();
    float reg = (float) config.regularisation();
    int n = train.size();
    BprRecommender best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int s = 0; s < n; s++) {
        int r = rng.nextInt(n);
        int u = train.user(r);
        int i = train.item(r);
        if (seen[u].length >= itemCount) {
          continue;
        }
        int j;
        do {
          j = rng.nextInt(itemCount);
        } while (Arrays.binarySearch(seen[u], j) >= 0);
        int pu = u * f;
        int qi = i * f;
        int qj = j * f;
        double x = b[i] - b[j];
        for (int k = 0; k < f; k++) {
          x += p[pu + k] * (q[qi + k] - q[qj + k]);
        }
        // d/dx of ln sigmoid(x) is sigmoid(-x).
        float g = (float) (1.0 / (1.0 + Math.exp(x)));
        for (int k = 0; k < f; k++) {
          float pk = p[pu + k];
          float qik = q[qi + k];
          float qjk = q[qj + k];
          p[pu + k] += lr * (g * (qik - qjk) - reg * pk);
          q[qi + k] += lr * (g * pk - reg * qik);
          q[qj + k] += lr * (-g * pk - reg * qjk);
        }
        b[i] += lr * (g - reg * b[i]);
        b[j] += lr * (-g - reg * b[j]);
      }
      progress.step(n);
      if (validation != null) {
        double score = validation.score(new BprRecommender(f, p, q, b));
        if (best == null || score > bestScore) {
          best = new BprRecommender(f, p.clone(), q.clone(), b.clone());
          bestScore = score;
          bestEpoch = epoch;
        } else if (epoch - bestEpoch >= patience) {
          break;
        }
      }
    }
    return best != null ? best : new BprRecommender(f, p, q, b);
  }

  /** Writes p_u . q_i + b_i for every item into {@code out}. */
  public void score(int user, float[] out) {
    int pu = user * factors;
    for (int i = 0; i < bias.length; i++) {
      int qi = i * factors;
      float s = bias[i];
      for (int k = 0; k < factors; k++) {
        s += users[pu + k] * items[qi + k];
      }
      out[i] = s;
    }
  }

  /** The item factor vectors q_i, one row per item key (a copy). */
  public float[][] itemFactors() {
    float[][] out = new float[bias.length][factors];
    for (int i = 0; i < bias.length; i++) {
      System.arraycopy(items, i * factors, out[i], 0, factors);
    }
    return out;
  }

  private static void checkRow(InteractionLog log, int r, int users, int items) {
    if (log.user(r) < 0 || log.user(r) >= users || log.item(r) < 0 || log.item(r) >= items) {
      throw new IllegalArgumentException(
          "row "
              + r
              + " has user "
              + log.user(r)
              + " / item "
              + log.item(r)
              + " outside "
              + users
              + " x "
              + items);
    }
  }
}
