/**
 * Offline ranking metrics: accuracy (HR@K, NDCG@K, MRR, Recall@K, Precision@K, MAP@K, AUC) under
 * two protocols, full ranking over the items a user did not interact with in training, and one
 * positive beside 99 sampled negatives; and beyond-accuracy metrics of the top-K lists (catalogue
 * coverage, Gini of exposure, long-tail hit rate, novelty).
 *
 * <p>Any model plugs in through {@link dev.nudge.eval.metrics.ItemScorer} (a user key to a score
 * per item), so baselines and neural models are measured by the same code and every number has a
 * reference beside it. {@link dev.nudge.eval.metrics.RankingEvaluator} is the harness; {@link
 * dev.nudge.eval.metrics.PositiveRanks} holds the per-list formulas, which the tests check against
 * hand-computed cases.
 */
package dev.nudge.eval.metrics;
