package dev.nudge.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a trained model came from, saved beside its weights: the data and its time range, the
 * split, the seed, how training went and what it scored.
 *
 * @param dataset the data set's name ("ml-100k")
 * @param split how train and test were cut ("loo", "random-80-10-10"), or "none"
 * @param firstTime the earliest training interaction, epoch seconds
 * @param lastTime the latest training interaction, epoch seconds
 * @param trainRows training interactions read
 * @param seed the root seed of training
 * @param epochs epochs run
 * @param bestEpoch the epoch (1-based) whose weights were kept
 * @param metrics validation or test metrics by name ("ndcg@10")
 * @param created when the model was trained (ISO-8601)
 */
public record ModelProvenance(
    String dataset,
    String split,
    long firstTime,
    long lastTime,
    long trainRows,
    long seed,
    int epochs,
    int bestEpoch,
    Map<String, Double> metrics,
    String created) {

  public ModelProvenance {
    if (dataset == null || dataset.isBlank()) {
      throw new IllegalArgumentException("dataset must be named");
    }
    split = split == null ? "none" : split;
    if (lastTime < firstTime) {
      throw new IllegalArgumentException(
          "lastTime must be >= firstTime, got " + lastTime + " < " + firstTime);
    }
    if (trainRows < 0 || epochs < 0 || bestEpoch < 0 || bestEpoch > epochs) {
      throw new IllegalArgumentException(
          "trainRows, epochs must be >= 0 and bestEpoch in [0, epochs], got "
              + trainRows
              + ", "
              + epochs
              + ", "
              + bestEpoch);
    }
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    created = created == null ? "" : created;
  }

  /** The same provenance with these metrics. */
  public ModelProvenance withMetrics(Map<String, Double> newMetrics) {
    return new ModelProvenance(
        dataset,
        split,
        firstTime,
        lastTime,
        trainRows,
        seed,
        epochs,
        bestEpoch,
        newMetrics,
        created);
  }

  /** The same provenance with this split label. */
  public ModelProvenance withSplit(String newSplit) {
    return new ModelProvenance(
        dataset, newSplit, firstTime, lastTime, trainRows, seed, epochs, bestEpoch, metrics,
        created);
  }
}
