/**
 * Context-free (multi-armed) policies: statistics per arm key, no features. Random, ε-greedy (with
 * optional decay), UCB1, softmax and Beta–Bernoulli Thompson sampling; they are the baselines every
 * contextual policy must beat. All but random accept a discount or a sliding window for
 * non-stationary rewards.
 */
package dev.nudge.bandit.mab;
