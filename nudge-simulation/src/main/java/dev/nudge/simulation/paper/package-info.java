/**
 * The user-choice simulator of the paper (seed 002, §5 and algorithms.md §4): a classifier trained
 * on logged impressions with inverse-propensity weights, turned into binary rewards by a threshold
 * picked for the best validation F1, and flipped with probability 0.1 to model a user's changing
 * mind. Unlike the released code, the classifier sees the user's real history.
 */
package dev.nudge.simulation.paper;
