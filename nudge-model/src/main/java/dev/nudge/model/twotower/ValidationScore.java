package dev.nudge.model.twotower;

/**
 * Scores a model on held-out data after each epoch (higher is better), for early stopping. The
 * caller decides the metric; the evaluation module's harness gives NDCG@10 in one line.
 */
@FunctionalInterface
public interface ValidationScore {

  /** The model's validation score; higher is better. */
  double score(TwoTowerModel model);
}
