package dev.nudge.simulation.paper;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.eval.metrics.BinaryAuc;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Simulated user feedback for any (user, item): y = 1{ŷ(u, i) ≥ THRES}, flipped with probability
 * {@code flipProbability}, where ŷ is the {@link ChoiceModel} trained with inverse-propensity
 * weights on the first {@code trainShare} of the impressions (by time), THRES maximises F1 on the
 * next {@code validationShare}, and the AUC is measured on the rest. Thread-safe after training.
 */
public final class UserChoiceSimulator {

  /**
   * @param positiveThreshold ratings at or above this are positives (MovieLens: 4)
   * @param negatives sampled negatives per impression (the paper: 20)
   * @param trainShare share of impressions (oldest first) to train on
   * @param validationShare share after it to pick the threshold on; the rest tests
   * @param flipProbability probability that a reward is flipped (the paper: 0.1)
   * @param seed root seed
   */
  public record Config(
      float positiveThreshold,
      int negatives,
      double trainShare,
      double validationShare,
      double flipProbability,
      long seed) {
    public static final Config DEFAULT = new Config(4, 20, 0.8, 0.1, 0.1, Seeds.DEFAULT_SEED);

    public Config {
      if (negatives < 1) {
        throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
      }
      if (!(trainShare > 0 && validationShare > 0 && trainShare + validationShare < 1)) {
        throw new IllegalArgumentException(
            "need 0 < trainShare, 0 < validationShare, trainShare + validationShare < 1; got "
                + trainShare
                + " and "
                + validationShare);
      }
      if (!(flipProbability >= 0 && flipProbability < 0.5)) {
        throw new IllegalArgumentException(
            "flipProbability must be in [0, 0.5), got " + flipProbability);
      }
    }
  }

  private final Config config;
  private final ChoiceModel model;
  private final Impressions impressions;
  private final double threshold;
  private final SimulatorReport report;
  private final ChoiceModel.UserState[] users;

  private UserChoiceSimulator(
      Config config,
      ChoiceModel model,
      Impressions impressions,
      double threshold,
      SimulatorReport report,
      ChoiceModel.UserState[] users) {
    this.config = config;
    this.model = model;
    this.impressions = impressions;
    this.threshold = threshold;
    this.report = report;
    this.users = users;
  }

  /** Builds impressions from {@code data}, trains the classifier, picks the threshold. */
  public static UserChoiceSimulator train(Dataset data, Config config, Progress progress) {
    Impressions imp =
        Impressions.build(data, config.positiveThreshold(), config.negatives(), config.seed());
    int trainEnd = imp.cut(config.trainShare());
    int validationEnd = imp.cut(config.trainShare() + config.validationShare());
    if (trainEnd == 0 || validationEnd == trainEnd || validationEnd == imp.size()) {
      throw new IllegalArgumentException(
          "too few positives in " + data.name() + " to train, validate and test a simulator");
    }
    ChoiceModel model =
        ChoiceModel.train(
            imp, trainEnd, data.items(), ChoiceModel.Config.DEFAULT, config.seed(), progress);
    int limit = ChoiceModel.Config.DEFAULT.historyLimit();
    double[] validation = predict(model, imp, trainEnd, validationEnd, limit);
    double[] test = predict(model, imp, validationEnd, imp.size(), limit);
    byte[] validationLabels = Arrays.copyOfRange(imp.label, trainEnd, validationEnd);
    byte[] testLabels = Arrays.copyOfRange(imp.label, validationEnd, imp.size());
    double[] best = bestF1Threshold(validation, validationLabels);

    // Each user is simulated with their whole real history (newest `limit` positives).
    ChoiceModel.UserState[] users = new ChoiceModel.UserState[data.users().size()];
    for (int u = 0; u < users.length; u++) {
      users[u] = model.state(imp.history(u, Long.MAX_VALUE, limit));
    }
    double baseRate = baseRate(model, users, best[0], data.items().size(), config.seed());
    SimulatorReport report =
        new SimulatorReport(
            data.name(),
            imp.impressions(),
            trainEnd,
            auc(test, testLabels),
            auc(validation, validationLabels),
            best[0],
            best[1],
            baseRate,
            config.flipProbability());
    return new UserChoiceSimulator(config, model, imp, best[0], report, users);
  }

  public SimulatorReport report() {
    return report;
  }

  /** ŷ(u, i) ≥ THRES: the deterministic part of the reward. */
  public boolean likes(int user, int item) {
    return model.probability(users[user], item) >= threshold;
  }

  /** The classifier's ŷ(u, i). */
  public double probability(int user, int item) {
    return model.probability(users[user], item);
  }

  /** The simulated reward: {@link #likes}, flipped with the configured probability. */
  public int reward(int user, int item, RandomGenerator random) {
    boolean like = likes(user, item);
    boolean flip = random.nextDouble() < config.flipProbability();
    return like ^ flip ? 1 : 0;
  }

  /** Expected reward: 1 − flip if liked, flip otherwise. */
  public double expectedReward(int user, int item) {
    return likes(user, item) ? 1 - config.flipProbability() : config.flipProbability();
  }

  /** The user's real history (positive item keys, oldest first) the simulator conditions on. */
  public int[] history(int user) {
    return users[user].history().clone();
  }

  int impressionCount() {
    return impressions.impressions();
  }

  private static double[] predict(ChoiceModel model, Impressions imp, int from, int to, int limit) {
    double[] out = new double[to - from];
    ChoiceModel.UserState state = null;
    for (int k = from; k < to; k++) {
      // Samples of one impression are adjacent and share user and time: pool the history once.
      if (state == null || imp.impression[k] != imp.impression[k - 1]) {
        state = model.state(imp.history(imp.user[k], imp.time[k], limit));
      }
      out[k - from] = model.probability(state, imp.item[k]);
    }
    return out;
  }

  /** {threshold, F1} maximising F1 over all cut points of the scores. */
  static double[] bestF1Threshold(double[] scores, byte[] labels) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int positives = 0;
    for (byte l : labels) {
      positives += l;
    }
    double bestF1 = -1;
    double bestThreshold = 1;
    int truePositives = 0;
    for (int k = 0; k < order.length; k++) {
      truePositives += labels[order[k]];
      // Only cut between distinct scores: everything at or above scores[order[k]] is predicted 1.
      if (k + 1 < order.length && scores[order[k + 1]] == scores[order[k]]) {
        continue;
      }
      double precision = truePositives / (double) (k + 1);
      double recall = positives == 0 ? 0 : truePositives / (double) positives;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      if (f1 > bestF1) {
        bestF1 = f1;
        bestThreshold = scores[order[k]];
      }
    }
    return new double[] {bestThreshold, bestF1};
  }

  private static double auc(double[] scores, byte[] labels) {
    return BinaryAuc.of(scores.length, k -> scores[k], k -> labels[k] == 1);
  }

  private static double baseRate(
      ChoiceModel model, ChoiceModel.UserState[] users, double threshold, int items, long seed) {
    RandomGenerator random = Seeds.random(seed, "base-rate");
    int liked = 0;
    int samples = 20_000;
    for (int s = 0; s < samples; s++) {
      if (model.probability(users[random.nextInt(users.length)], random.nextInt(items))
          >= threshold) {
        liked++;
      }
    }
    return liked / (double) samples;
  }
}
