package dev.nudge.simulation.paper;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import java.util.random.RandomGenerator;

/**
 * The simulator's classifier: a logistic model of "user u likes item i" given u's history H,
 *
 * <pre>s(u, i) = b + b_i + Σ_g (γ_g + α_g·P_ug)·G_ig + β·log(1 + pop_i) + ⟨mean_{j∈H} q_j, v_i⟩
 * </pre>
 *
 * where G_ig flags item i's genres, P_ug is the share of u's history in genre g, pop_i the item's
 * training positives, and q, v are item factors (history side and target side). It is trained by
 * SGD on the inverse-propensity-weighted logistic loss. Immutable after training; thread-safe.
 */
final class ChoiceModel {
  /**
   * @param factors dimension of q and v
   * @param epochs passes over the training impressions
   * @param learningRate SGD step
   * @param l2 weight decay on every parameter but the global bias
   * @param historyLimit most recent history items the model looks at
   */
  record Config(int factors, int epochs, double learningRate, double l2, int historyLimit) {
    static final Config DEFAULT = new Config(16, 6, 0.05, 1e-5, 50);

    Config {
      if (factors < 1 || epochs < 1 || !(learningRate > 0) || !(l2 >= 0) || historyLimit < 1) {
        throw new IllegalArgumentException("invalid choice model config " + this);
      }
    }
  }

  private final Config config;
  private final int genres;
  private final int[][] itemGenres;
  private final float[] logPopularity;
  private double bias;
  private final double[] itemBias;
  private final double[] genreBias;
  private final double[] genreAffinity;
  private double popularityWeight;
  private final float[][] target;
  private final float[][] context;

  private ChoiceModel(Config config, Catalogue catalogue, float[] logPopularity, long seed) {
    this.config = config;
    int items = catalogue.size();
    this.genres = Math.max(1, catalogue.topicCount());
    this.itemGenres = new int[items][];
    for (int i = 0; i < items; i++) {
      itemGenres[i] = catalogue.topics().codes(i);
    }
    this.logPopularity = logPopularity;
    this.itemBias = new double[items];
    this.genreBias = new double[genres];
    this.genreAffinity = new double[genres];
    RandomGenerator random = Seeds.random(seed, "choice-model-init");
    this.target = new float[items][config.factors()];
    this.context = new float[items][config.factors()];
    for (int i = 0; i < items; i++) {
      for (int f = 0; f < config.factors(); f++) {
        target[i][f] = (float) (0.1 * random.nextGaussian());
        context[i][f] = (float) (0.1 * random.nextGaussian());
      }
    }
  }

  /** What the model needs of a user: their pooled history vector and genre profile. */
  record UserState(int[] history, float[] pooled, float[] profile) {}

  UserState state(int[] history) {
    float[] pooled = new float[config.factors()];
    float[] profile = new float[genres];
    for (int j : history) {
      for (int f = 0; f < pooled.length; f++) {
        pooled[f] += context[j][f];
      }
      for (int g : itemGenres[j]) {
        profile[g]++;
      }
    }
    if (history.length > 0) {
      for (int f = 0; f < pooled.length; f++) {
        pooled[f] /= history.length;
      }
      for (int g = 0; g < genres; g++) {
        profile[g] /= history.length;
      }
    }
    return new UserState(history, pooled, profile);
  }

  double logit(UserState user, int item) {
    double s = bias + itemBias[item] + popularityWeight * logPopularity[item];
    for (int g : itemGenres[item]) {
      s += genreBias[g] + genreAffinity[g] * user.profile()[g];
    }
    float[] v = target[item];
    for (int f = 0; f < v.length; f++) {
      s += user.pooled()[f] * v[f];
    }
    return s;
  }

  double probability(UserState user, int item) {
    return 1 / (1 + Math.exp(-logit(user, item)));
  }

  /**
   * Trains on the impression samples [0, end): impressions in a seeded shuffled order each epoch,
   * the samples of one impression as a mini-batch (they share the user and the history, so the
   * history is pooled once and its gradient applied once).
   */
  static ChoiceModel train(
      Impressions data, int end, Catalogue catalogue, Config config, long seed, Progress progress) {
    float[] logPopularity = new float[catalogue.size()];
    for (int k = 0; k < end; k++) {
      if (data.label[k] == 1) {
        logPopularity[data.item[k]]++;
      }
    }
    for (int i = 0; i < logPopularity.length; i++) {
      logPopularity[i] = (float) Math.log1p(logPopularity[i]);
    }
    ChoiceModel model = new ChoiceModel(config, catalogue, logPopularity, seed);
    RandomGenerator random = Seeds.random(seed, "choice-model-order");
    int width = data.size() / Math.max(1, data.impressions());
    int impressions = end / width;
    int[] order = new int[impressions];
    for (int k = 0; k < impressions; k++) {
      order[k] = k;
    }
    float[] gradPooled = new float[config.factors()];
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int k = impressions - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int t = order[k];
        order[k] = order[j];
        order[j] = t;
      }
      double lr = config.learningRate() / (1 + epoch);
      for (int imp : order) {
        model.step(data, imp * width, width, lr, gradPooled);
      }
      progress.step(1);
    }
    return model;
  }

  private void step(Impressions data, int first, int width, double lr, float[] gradPooled) {
    UserState user = state(data.history(data.user[first], data.time[first], config.historyLimit()));
    double l2 = config.l2();
    java.util.Arrays.fill(gradPooled, 0);
    for (int k = first; k < first + width; k++) {
      int item = data.item[k];
      double g = data.weight[k] * (probability(user, item) - data.label[k]);
      bias -= lr * g;
      itemBias[item] -= lr * (g + l2 * itemBias[item]);
      popularityWeight -= lr * (g * logPopularity[item] + l2 * popularityWeight);
      for (int genre : itemGenres[item]) {
        genreBias[genre] -= lr * (g + l2 * genreBias[genre]);
        genreAffinity[genre] -= lr * (g * user.profile()[genre] + l2 * genreAffinity[genre]);
      }
      float[] v = target[item];
      for (int f = 0; f < v.length; f++) {
        gradPooled[f] += (float) (g * v[f]);
        v[f] -= (float) (lr * (g * user.pooled()[f] + l2 * v[f]));
      }
    }
    int[] history = user.history();
    if (history.length == 0) {
      return;
    }
    double share = 1.0 / history.length;
    for (int j : history) {
      float[] q = context[j];
      for (int f = 0; f < q.length; f++) {
        q[f] -= (float) (lr * (gradPooled[f] * share + l2 * q[f]));
      }
    }
  }
}
