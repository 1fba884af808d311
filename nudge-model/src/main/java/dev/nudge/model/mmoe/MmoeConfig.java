package dev.nudge.model.mmoe;

/**
 * Architecture and training settings of an MMoE model.
 *
 * @param experts number of shared experts, >= 1
 * @param expertUnits width of each expert's hidden layer, >= 1
 * @param towerUnits width of each task tower's hidden layer, >= 1
 * @param epochs passes over the training rows, >= 1
 * @param batchSize rows per step, >= 1
 * @param learningRate Adam's learning rate, > 0
 * @param seed the seed of initialisation and shuffling
 */
public record MmoeConfig(
    int experts,
    int expertUnits,
    int towerUnits,
    int epochs,
    int batchSize,
    float learningRate,
    long seed) {

  public MmoeConfig {
    positive("experts", experts);
    positive("expertUnits", expertUnits);
    positive("towerUnits", towerUnits);
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be finite and > 0, got " + learningRate);
    }
  }

  /** 4 experts of 32 units, towers of 16, 8 epochs of batches of 256, Adam at 0.005. */
  public static MmoeConfig defaults(long seed) {
    return new MmoeConfig(4, 32, 16, 8, 256, 0.005f, seed);
  }

  public MmoeConfig withEpochs(int n) {
    return new MmoeConfig(experts, expertUnits, towerUnits, n, batchSize, learningRate, seed);
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
  }
}
