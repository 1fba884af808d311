/**
 * Generalised-linear (logistic) bandits: GLM-UCB per user on raw features and N-GLM-UCB on
 * two-tower embeddings. Logistic rather than linear because click rewards are Bernoulli with small
 * means, where a linear model's estimates leave [0, 1]; the fit is a ridge-regularised Newton solve
 * ({@link dev.nudge.math.LogisticNewton}).
 */
package dev.nudge.bandit.glm;
