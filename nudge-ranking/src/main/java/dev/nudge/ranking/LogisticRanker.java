package dev.nudge.ranking;

import java.util.List;
import java.util.Objects;

/** The baseline ranker: one {@link CrossedLogistic} per task over {@link UserItemFeatures}. */
public final class LogisticRanker implements Ranker {
  private final UserItemFeatures features;
  private final List<String> tasks;
  private final List<CrossedLogistic> models;

  public LogisticRanker(
      UserItemFeatures features, List<String> tasks, List<CrossedLogistic> models) {
    this.features = Objects.requireNonNull(features, "features");
    this.tasks = List.copyOf(tasks);
    this.models = List.copyOf(models);
    if (this.tasks.size() != this.models.size()) {
      throw new IllegalArgumentException(
          this.tasks.size() + " tasks but " + this.models.size() + " models");
    }
  }

  /** Trains one model per task of the examples (3 epochs, AdaGrad 0.05, L2 1e-6). */
  public static LogisticRanker train(UserItemFeatures features, RankingExamples data, long seed) {
    List<CrossedLogistic> models =
        java.util.stream.IntStream.range(0, RankingExamples.TASKS.size())
            .mapToObj(
                t ->
                    CrossedLogistic.train(
                        data.x(),
                        data.labels(t),
                        features.userDimension(),
                        features.itemDimension(),
                        3,
                        0.05,
                        1e-6,
                        seed + t))
            .toList();
    return new LogisticRanker(features, RankingExamples.TASKS, models);
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public List<String> tasks() {
    return tasks;
  }

  @Override
  public double[][] score(int user, int[] items) {
    double[][] out = new double[items.length][tasks.size()];
    for (int k = 0; k < items.length; k++) {
      float[] row = features.row(user, items[k]);
      for (int t = 0; t < tasks.size(); t++) {
        out[k][t] = models.get(t).predict(row);
      }
    }
    return out;
  }
}
