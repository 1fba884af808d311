/**
 * Ranking: turns the candidate short list into scored items. A {@link dev.nudge.ranking.Ranker}
 * predicts one probability per task (click, like) for each (user, item) from the dense features of
 * {@link dev.nudge.ranking.UserItemFeatures}; {@link dev.nudge.ranking.MmoeRanker} does it with the
 * multi-task MMoE network, {@link dev.nudge.ranking.LogisticRanker} with one logistic regression
 * with crossed user×item features per task (the baseline); a {@link dev.nudge.ranking.ValueModel}
 * folds the task scores into the single value the slate is ordered by. {@link
 * dev.nudge.ranking.FunnelPipeline} wires retrieval, ranking, exploration and re-ranking together
 * and records per-stage provenance; {@link dev.nudge.ranking.TwoTowerEmbeddings} lines a trained
 * two-tower model up with the data set so that its item vectors and user tower feed the ANN source.
 */
package dev.nudge.ranking;
