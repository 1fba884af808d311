/**
 * Nudge's data model: a {@link dev.nudge.data.Dataset} is a {@link dev.nudge.data.Catalogue} of
 * items (nudges), a {@link dev.nudge.data.UserTable} and an {@link dev.nudge.data.InteractionLog}.
 * External string ids map to dense integer keys through {@link dev.nudge.data.IdIndex}; features,
 * topics and interactions are stored column by column in primitive arrays, so a million
 * interactions cost a handful of arrays, not a million objects.
 *
 * <p>All types here are immutable once built (builders are single-threaded) and safe to share
 * between threads.
 */
package dev.nudge.data;
