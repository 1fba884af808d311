package dev.nudge.model.twotower;

import java.util.List;

/**
 * A two-tower model: a user tower and an item tower that map into one {@code outputDim}-wide space,
 * scored by dot product (or cosine) divided by a temperature, and how to train it. This is the
 * {@code train:} section of a Nudge YAML config.
 *
 * @param user the user tower
 * @param item the item tower
 * @param outputDim the shared embedding width
 * @param cosine L2-normalise both towers' outputs, so the score is a cosine
 * @param temperature scores are divided by this (> 0); matters for the softmax loss
 * @param training how to train
 */
public record TwoTowerConfig(
    TowerConfig user,
    TowerConfig item,
    Integer outputDim,
    Boolean cosine,
    Double temperature,
    TrainingConfig training) {

  /** One line of help per key, for {@code nudge config defaults}. */
  public static final java.util.Map<String, String> HELP =
      java.util.Map.of(
          "user",
              "user tower: inputs (id, categorical, numeric, text, history), hidden, activation",
          "item",
              "item tower: inputs (id, categorical, numeric, text), hidden, activation, dropout",
          "outputDim", "width of the shared embedding space",
          "cosine", "L2-normalise both towers (score = cosine / temperature)",
          "temperature", "scores are divided by this",
          "training",
              "loss (softmax|bce|bpr), negatives, excludeSeen, logQWeight, learningRate, batchSize...");

  public TwoTowerConfig {
    user =
        user == null
            ? new TowerConfig(
                List.of(InputGroup.id(32), InputGroup.history(32, 20)), List.of(64), null, null)
            : user;
    item =
        item == null ? new TowerConfig(List.of(InputGroup.id(32)), List.of(64), null, null) : item;
    if (item.inputs().stream().anyMatch(g -> g.kind() == InputGroup.Kind.HISTORY)) {
      throw new IllegalArgumentException("item.inputs: a history group belongs in the user tower");
    }
    outputDim = outputDim == null ? Integer.valueOf(32) : outputDim;
    if (outputDim < 1 || outputDim > 4096) {
      throw new IllegalArgumentException("outputDim must be in [1, 4096], got " + outputDim);
    }
    cosine = cosine != null && cosine;
    temperature = temperature == null ? Double.valueOf(cosine ? 0.1 : 1.0) : temperature;
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    training = training == null ? TrainingConfig.defaults() : training;
  }

  /** Every default: id + history user tower, id item tower, 32-wide, in-batch softmax. */
  public static TwoTowerConfig defaults() {
    return new TwoTowerConfig(null, null, null, null, null, null);
  }

  /** This config with other training settings. */
  public TwoTowerConfig withTraining(TrainingConfig newTraining) {
    return new TwoTowerConfig(user, item, outputDim, cosine, temperature, newTraining);
  }
}
