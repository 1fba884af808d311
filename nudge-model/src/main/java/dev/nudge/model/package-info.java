/**
 * Neural models trained with DJL, and what their saved artefacts share: {@link
 * dev.nudge.model.ModelProvenance} (data range, seed, metrics) and {@link
 * dev.nudge.model.ModelDirectory} (a format name and version, per-file SHA-256 checksums, so a
 * mismatched or corrupted model fails clearly on load).
 */
package dev.nudge.model;
