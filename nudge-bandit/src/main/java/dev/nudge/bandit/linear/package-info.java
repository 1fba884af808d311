/**
 * Linear contextual bandits: disjoint and hybrid LinUCB and linear Thompson sampling. They share
 * one closed-form ridge state (A = λI + Σ x xᵀ kept inverted by Sherman–Morrison, b = Σ r x) so
 * that learning is O(d²) per reward and deciding only reads; sliding windows forget by rank-1
 * downdates.
 */
package dev.nudge.bandit.linear;
