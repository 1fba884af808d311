/**
 * Two-stage topic → item exploration (the paper's Algorithms 1 and 2). Scoring every item of a
 * million-item catalogue each round is too slow; scoring the q topics first and then only the items
 * of the best topics cuts the work from O(items) to O(topics + items per topic). Topics are grouped
 * dynamically ({@link dev.nudge.bandit.twostage.DynaTopicRec}) because real topic sizes are highly
 * imbalanced, and come from the data or from k-means over item embeddings ({@link
 * dev.nudge.bandit.twostage.KMeansTopics}). {@link dev.nudge.bandit.twostage.TwoStagePolicy} wraps
 * any topic policy and any item policy and is itself a {@link dev.nudge.bandit.Policy}.
 */
package dev.nudge.bandit.twostage;
