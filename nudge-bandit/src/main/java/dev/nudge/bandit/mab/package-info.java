/**
 * Context-free (multi-armed) policies: statistics per arm key, no features. Random, ε-greedy and
 * Beta–Bernoulli Thompson sampling; they are the baselines every contextual policy must beat.
 */
package dev.nudge.bandit.mab;
