package dev.nudge.model.twotower;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a two-tower model is trained.
 *
 * @param loss the training loss
 * @param negatives sampled negatives per positive for {@code bce}, {@code bpr} and {@code
 *     sampledSoftmax}
 * @param hardNegatives for {@code bce} and {@code bpr}: add each user's highest-scoring in-batch
 *     non-positive item as one more negative
 * @param learningRate Adam step size (0.001 by default)
 * @param batchSize positive pairs per mini-batch
 * @param epochs the most passes over the training pairs
 * @param patience epochs without a better validation score before stopping early
 * @param frequencyDecay the streaming frequency estimator's averaging rate (log-Q correction)
 * @param positiveThreshold ratings at or above this are positives (labels: 1 is positive)
 * @param seed root seed of initialisation, shuffling, sampling and dropout
 * @param threads PyTorch intra-op threads while training (1 by default: on shared or small machines
 *     OpenMP's spinning threads cost far more than they give; 0 keeps PyTorch's choice)
 * @param l2 L2 weight on the embedding rows a batch touches, added to their gradients (0 by
 *     default); like BPR's per-sample regularisation, it curbs the id tables' overfitting
 * @param excludeSeen for {@code bce}, {@code bpr} and {@code sampledSoftmax}: sampled negatives are
 *     never one of the user's training positives (false by default: uniform over all items)
 * @param weightDecay decoupled weight decay (AdamW): each step shrinks the embedding rows it
 *     touches and the dense weight matrices by {@code learningRate * weightDecay} of themselves (0
 *     by default); unlike {@code l2} it is not rescaled by Adam, so it regularises every row alike
 * @param logQWeight for {@code softmax}: the weight w of the log-Q correction, logits s - w log q,
 *     in [0, 1] (1 by default; 0 is the plain in-batch softmax, which keeps the popularity signal
 *     the in-batch sampling brings)
 */
public record TrainingConfig(
    Loss loss,
    Integer negatives,
    Boolean hardNegatives,
    Double learningRate,
    Integer batchSize,
    Integer epochs,
    Integer patience,
    Double frequencyDecay,
    Double positiveThreshold,
    Long seed,
    Integer threads,
    Double l2,
    Boolean excludeSeen,
    Double logQWeight,
    Double weightDecay) {

  /** Training losses. */
  public enum Loss {
    /** In-batch softmax with log-Q correction: other positives of the batch are the negatives. */
    SOFTMAX("softmax"),
    /** Binary cross-entropy on each positive and {@code negatives} uniformly sampled items. */
    BCE("bce"),
    /**
     * Pairwise BPR: -log sigmoid(s(u, i) - s(u, j)) for each positive i and each of {@code
     * negatives} sampled items j, averaged over the pairs.
     */
    BPR("bpr"),
    /**
     * Sampled softmax (Wu et al. 2022): the cross-entropy of each positive against itself and its
     * {@code negatives} sampled items, -log(exp s(u, i) / (exp s(u, i) + sum_j exp s(u, j))).
     */
    SAMPLED_SOFTMAX("sampledSoftmax"),
    /**
     * The exact softmax over the whole catalogue: each positive against every item but the user's
     * other training positives, which are masked. For catalogues of at most {@link
     * #CATALOGUE_SOFTMAX_MAX_ITEMS} items: a step scores batch x catalogue pairs.
     */
    CATALOGUE_SOFTMAX("catalogueSoftmax");

    private final String label;

    Loss(String label) {
      this.label = label;
    }

    @JsonCreator
    static Loss parse(String text) {
      for (Loss l : values()) {
        if (l.label.equalsIgnoreCase(text) || l.name().equalsIgnoreCase(text)) {
          return l;
        }
      }
      throw new IllegalArgumentException(
          "loss must be softmax, bce, bpr, sampledSoftmax or catalogueSoftmax, got '" + text + "'");
    }

    @JsonValue
    String label() {
      return label;
    }

    /** Whether each positive is scored against {@code negatives} sampled items. */
    boolean samplesNegatives() {
      return this == BCE || this == BPR || this == SAMPLED_SOFTMAX;
    }
  }

  /**
   * The largest catalogue {@code catalogueSoftmax} trains on: a batch of 512 then holds 512 x
   * 50,000 logits (100 MB of floats, with their gradient twice that), and every step runs the item
   * tower over the whole catalogue.
   */
  public static final int CATALOGUE_SOFTMAX_MAX_ITEMS = 50_000;

  public TrainingConfig {
    loss = loss == null ? Loss.SOFTMAX : loss;
    negatives = negatives == null ? Integer.valueOf(4) : negatives;
    require(negatives >= 1 && negatives <= 1000, "negatives", "in [1, 1000]", negatives);
    hardNegatives = hardNegatives != null && hardNegatives;
    learningRate = learningRate == null ? Double.valueOf(0.001) : learningRate;
    require(learningRate > 0 && learningRate < 10, "learningRate", "in (0, 10)", learningRate);
    batchSize = batchSize == null ? Integer.valueOf(512) : batchSize;
    require(batchSize >= 2 && batchSize <= 65536, "batchSize", "in [2, 65536]", batchSize);
    epochs = epochs == null ? Integer.valueOf(20) : epochs;
    require(epochs >= 1, "epochs", ">= 1", epochs);
    patience = patience == null ? Integer.valueOf(3) : patience;
    require(patience >= 1, "patience", ">= 1", patience);
    frequencyDecay = frequencyDecay == null ? Double.valueOf(0.05) : frequencyDecay;
    require(
        frequencyDecay > 0 && frequencyDecay <= 1, "frequencyDecay", "in (0, 1]", frequencyDecay);
    positiveThreshold = positiveThreshold == null ? Double.valueOf(4.0) : positiveThreshold;
    seed = seed == null ? Long.valueOf(dev.nudge.core.Seeds.DEFAULT_SEED) : seed;
    threads = threads == null ? Integer.valueOf(1) : threads;
    require(threads >= 0 && threads <= 1024, "threads", "in [0, 1024]", threads);
    l2 = l2 == null ? Double.valueOf(0.0) : l2;
    require(l2 >= 0 && l2 < 10, "l2", "in [0, 10)", l2);
    excludeSeen = excludeSeen != null && excludeSeen;
    logQWeight = logQWeight == null ? Double.valueOf(1.0) : logQWeight;
    require(logQWeight >= 0 && logQWeight <= 1, "logQWeight", "in [0, 1]", logQWeight);
    weightDecay = weightDecay == null ? Double.valueOf(0.0) : weightDecay;
    require(
        weightDecay >= 0 && learningRate * weightDecay < 1,
        "weightDecay",
        ">= 0 with learningRate * weightDecay < 1",
        weightDecay);
  }

  /**
   * Every setting but {@code excludeSeen} (false), {@code logQWeight} (1) and {@code weightDecay}
   * (0): the signature before they existed.
   */
  public TrainingConfig(
      Loss loss,
      Integer negatives,
      Boolean hardNegatives,
      Double learningRate,
      Integer batchSize,
      Integer epochs,
      Integer patience,
      Double frequencyDecay,
      Double positiveThreshold,
      Long seed,
      Integer threads,
      Double l2) {
    this(
        loss,
        negatives,
        hardNegatives,
        learningRate,
        batchSize,
        epochs,
        patience,
        frequencyDecay,
        positiveThreshold,
        seed,
        threads,
        l2,
        null,
        null,
        null);
  }

  /** Every setting but {@code l2}, which is 0 (the signature before {@code l2} existed). */
  public TrainingConfig(
      Loss loss,
      Integer negatives,
      Boolean hardNegatives,
      Double learningRate,
      Integer batchSize,
      Integer epochs,
      Integer patience,
      Double frequencyDecay,
      Double positiveThreshold,
      Long seed,
      Integer threads) {
    this(
        loss,
        negatives,
        hardNegatives,
        learningRate,
        batchSize,
        epochs,
        patience,
        frequencyDecay,
        positiveThreshold,
        seed,
        threads,
        null);
  }

  /** Every default. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This config with another seed. */
  public TrainingConfig withSeed(long newSeed) {
    return new TrainingConfig(
        loss,
        negatives,
        hardNegatives,
        learningRate,
        batchSize,
        epochs,
        patience,
        frequencyDecay,
        positiveThreshold,
        newSeed,
        threads,
        l2,
        excludeSeen,
        logQWeight,
        weightDecay);
  }

  /** This config with another positive threshold (0 reads every rating as a positive). */
  public TrainingConfig withPositiveThreshold(double threshold) {
    return new TrainingConfig(
        loss,
        negatives,
        hardNegatives,
        learningRate,
        batchSize,
        epochs,
        patience,
        frequencyDecay,
        threshold,
        seed,
        threads,
        l2,
        excludeSeen,
        logQWeight,
        weightDecay);
  }

  /** This config with another number of epochs. */
  public TrainingConfig withEpochs(int newEpochs) {
    return new TrainingConfig(
        loss,
        negatives,
        hardNegatives,
        learningRate,
        batchSize,
        newEpochs,
        patience,
        frequencyDecay,
        positiveThreshold,
        seed,
        threads,
        l2,
        excludeSeen,
        logQWeight,
        weightDecay);
  }

  private static void require(boolean ok, String field, String rule, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(field + " must be " + rule + ", got " + value);
    }
  }
}
