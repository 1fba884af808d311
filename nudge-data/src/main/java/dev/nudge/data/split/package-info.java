/**
 * Train / validation / test splits of an {@link dev.nudge.data.InteractionLog}, and implicit labels
 * read from ratings.
 *
 * <p>Every {@link dev.nudge.data.split.Splitter} first assigns each row of the log to exactly one
 * {@link dev.nudge.data.split.Part} ({@link dev.nudge.data.split.SplitAssignment}) and only then
 * copies the rows out ({@link dev.nudge.data.split.Split}). Assigning before copying makes the two
 * properties that matter for honest evaluation hold by construction: the parts are disjoint and
 * together they are the whole log. The temporal splitters add the third: nothing in training
 * happens after what it is evaluated on (globally, or per user).
 *
 * <p>The splitters are immutable records, safe to share; the seeded random split derives its stream
 * from {@link dev.nudge.core.Seeds}, so the same seed always gives the same split.
 */
package dev.nudge.data.split;
