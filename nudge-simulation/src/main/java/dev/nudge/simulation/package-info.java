/**
 * Simulation: running bandit policies against a world whose truth is known, so that their
 * click-through and regret are measured exactly. {@link dev.nudge.simulation.BanditSimulator} is
 * the loop (decide, sample clicks, learn, score against the oracle); the synthetic banking world
 * lives in {@link dev.nudge.simulation.world}. Later experiment work (the paper's protocol) reuses
 * the loop.
 */
package dev.nudge.simulation;
