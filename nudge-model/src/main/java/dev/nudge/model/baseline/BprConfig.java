package dev.nudge.model.baseline;

/**
 * Hyper-parameters of BPR matrix factorisation.
 *
 * @param factors latent dimension, >= 1
 * @param learningRate SGD step, > 0
 * @param regularisation L2 weight on the factors and biases touched by a step, >= 0
 * @param epochs passes, each drawing as many (user, positive, negative) triples as there are
 *     training pairs, >= 1
 * @param seed seed of initialisation and sampling
 */
public record BprConfig(
    int factors, double learningRate, double regularisation, int epochs, long seed) {

  public BprConfig {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    if (!(regularisation >= 0)) {
      throw new IllegalArgumentException("regularisation must be >= 0, got " + regularisation);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
  }

  /** Epochs without a better validation score before {@link #earlyStopped} training stops. */
  public static final int PATIENCE = 5;

  /**
   * Settings for training with early stopping on a validation metric (patience {@link #PATIENCE}):
   * 64 factors as in RecBole, learning rate 0.05, L2 0.02 and at most 200 epochs. The L2 weight was
   * chosen on ML-100K validation NDCG@10 under RecBole's split (see bench/two-tower).
   */
  public static BprConfig earlyStopped(long seed) {
    return new BprConfig(64, 0.05, 0.02, 200, seed);
  }

  /** Settings that work on MovieLens-sized data. */
  public static BprConfig defaults(long seed) {
    return new BprConfig(64, 0.05, 0.002, 40, seed);
  }
}
