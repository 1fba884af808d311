/**
 * Bandit experiments in the paper's protocol: independent trials, each with its own users; in each
 * round a user drawn uniformly gets a slate of m items, the environment answers with rewards, the
 * policy learns. All policies of a trial see the same users in the same order (common random
 * numbers), so differences between policies are not luck of the draw. Trials and policies run in
 * parallel; results do not depend on the number of threads.
 */
package dev.nudge.simulation.experiment;
