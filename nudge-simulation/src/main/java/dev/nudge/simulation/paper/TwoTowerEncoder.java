package dev.nudge.simulation.paper;

import dev.nudge.core.Progress;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.model.twotower.InputGroup;
import dev.nudge.model.twotower.TowerConfig;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.model.twotower.TwoTowerTrainer;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's encoder: the nudge-model two-tower, pre-trained per trial on the positives of the
 * non-trial users (in-batch softmax with log-Q correction, a few epochs, no early stopping).
 *
 * <p>Item embeddings x_i are the item tower's outputs (an id embedding plus a bag of the item's
 * genres). The user tower reads only the user's history (the last {@value #HISTORY} positives,
 * attention-pooled), so that z_u is computed for a trial user, whom pre-training never saw, from
 * the history the simulation gives them, through the very tower trained on everyone else. Both
 * embeddings live in one space: z_uᵀx_i is the pre-trained score, which the shared neural policies
 * (S-N-GALM, S-N-GBLM) refine online.
 */
public final class TwoTowerEncoder implements Encoding.Fitter {
  /** How many recent positives the user tower reads. */
  public static final int HISTORY = 20;

  private final int dimensions;
  private final int epochs;
  private final double positiveThreshold;

  /**
   * @param dimensions width of x_i and z_u
   * @param epochs passes over the pre-training positives (a few: this runs once per trial)
   * @param positiveThreshold ratings at or above this are positives
   */
  public TwoTowerEncoder(int dimensions, int epochs, double positiveThreshold) {
    if (dimensions < 1 || epochs < 1) {
      throw new IllegalArgumentException(
          "dimensions and epochs must be >= 1, got " + dimensions + " and " + epochs);
    }
    this.dimensions = dimensions;
    this.epochs = epochs;
    this.positiveThreshold = positiveThreshold;
  }

  /** The towers and training settings used for a seed. */
  public TwoTowerConfig config(Dataset data, long seed) {
    List<InputGroup> itemInputs = new ArrayList<>();
    itemInputs.add(InputGroup.id(dimensions));
    if (data.items().features().column(Catalogue.TOPICS).isPresent()) {
      itemInputs.add(InputGroup.text(Catalogue.TOPICS, 8, 64, 4));
    }
    TowerConfig user =
        new TowerConfig(
            List.of(InputGroup.history(dimensions, HISTORY)),
            List.of(2 * dimensions),
            TowerConfig.Activation.RELU,
            0.0);
    TowerConfig item =
        new TowerConfig(itemInputs, List.of(2 * dimensions), TowerConfig.Activation.RELU, 0.0);
    // Batches of up to 256 (the ML-100K benchmark's), smaller on small data so that a few epochs
    // still take tens of steps; a learning rate above the benchmark's 0.002 for the short budget.
    int positives = 0;
    for (int r = 0; r < data.interactions().size(); r++) {
      if (data.interactions().isPositive(r, (float) positiveThreshold)) {
        positives++;
      }
    }
    int batch = Math.max(32, Math.min(256, positives / 50));
    TrainingConfig training =
        new TrainingConfig(
            TrainingConfig.Loss.SOFTMAX,
            null,
            null,
            0.005,
            batch,
            epochs,
            null,
            null,
            positiveThreshold,
            seed,
            1);
    return new TwoTowerConfig(user, item, dimensions, false, null, training);
  }

  @Override
  public Encoding fit(Dataset pretraining, long seed) {
    TwoTowerModel model =
        TwoTowerTrainer.train(
                pretraining,
                pretraining.interactions(),
                config(pretraining, seed),
                null,
                Progress.silent())
            .model();
    return new Encoding(
        "two-tower-" + dimensions,
        model.itemEmbeddings(),
        history -> model.userEmbedding(-1, history));
  }
}
