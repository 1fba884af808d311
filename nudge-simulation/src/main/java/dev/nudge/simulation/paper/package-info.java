/**
 * The user-choice simulator of the paper (seed 002, §5 and algorithms.md §4): a classifier trained
 * on logged impressions with inverse-propensity weights, turned into binary rewards by a threshold
 * picked for the best validation F1, and flipped with probability 0.1 to model a user's changing
 * mind. Unlike the released code, the classifier sees the user's real history.
 *
 * <p>The policies see the simulator's users only through an encoder pre-trained per trial without
 * the trial's users ({@link dev.nudge.simulation.paper.Encoding}): genres, BPR item factors, or the
 * nudge-model two-tower, whose history-only user tower encodes users it never saw. With an encoder
 * update period, a run re-fits its encoder on the pre-training data plus its own clicks ({@link
 * dev.nudge.simulation.paper.EncoderRefresh}) and rotates the re-fit onto the space the policies
 * learnt in ({@link dev.nudge.simulation.paper.ProcrustesAlignment}).
 */
package dev.nudge.simulation.paper;
