package dev.nudge.simulation.paper;

import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.model.baseline.BprConfig;
import dev.nudge.model.baseline.BprRecommender;

/**
 * Item embeddings from BPR matrix factorisation pre-trained on the positives of the non-trial
 * users; a user is the mean of their history's item factors (the trial users have no factors of
 * their own, since their data was removed from pre-training).
 */
public final class BprEncoder implements Encoding.Fitter {
  private final int dimensions;
  private final int epochs;
  private final ImplicitLabels labels;

  public BprEncoder(int dimensions, int epochs, ImplicitLabels labels) {
    if (dimensions < 1 || epochs < 1) {
      throw new IllegalArgumentException(
          "dimensions and epochs must be >= 1, got " + dimensions + " and " + epochs);
    }
    this.dimensions = dimensions;
    this.epochs = epochs;
    this.labels = labels;
  }

  @Override
  public Encoding fit(Dataset pretraining, long seed) {
    BprConfig defaults = BprConfig.defaults(seed);
    BprConfig config =
        new BprConfig(dimensions, defaults.learningRate(), defaults.regularisation(), epochs, seed);
    BprRecommender bpr =
        BprRecommender.fit(
            labels.positives(pretraining.interactions()),
            pretraining.users().size(),
            pretraining.items().size(),
            config,
            Progress.silent());
    float[][] items = bpr.itemFactors();
    return new Encoding("bpr-" + dimensions, items, Encoding.meanOfItems(items));
  }
}
