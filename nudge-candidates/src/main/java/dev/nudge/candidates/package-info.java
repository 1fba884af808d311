/**
 * Candidate generation, the first and cheapest stage of the funnel: each {@link
 * dev.nudge.candidates.CandidateSource} narrows the whole catalogue to a few hundred items for one
 * user, and {@link dev.nudge.candidates.CandidateMerger} combines the sources under per-source
 * quotas and removes duplicates, so that the (much more expensive) ranker only sees a short list.
 *
 * <p>Sources: Swing and cosine item-item neighbours ({@link dev.nudge.candidates.SwingSimilarity},
 * {@link dev.nudge.candidates.CosineSimilarity}), popularity overall and per user segment, trending
 * (recency-weighted popularity), two-tower embedding retrieval through a {@link
 * dev.nudge.candidates.VectorIndex} (jvector graph above a size threshold, exact below it) and
 * content-based retrieval that lets cold items with no interactions in. Everything here is built
 * once from an {@link dev.nudge.data.InteractionLog} and a {@link dev.nudge.data.Catalogue} and is
 * then immutable and safe to query from many threads.
 */
package dev.nudge.candidates;
