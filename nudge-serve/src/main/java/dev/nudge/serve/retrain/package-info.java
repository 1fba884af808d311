/**
 * Rebuilding the two-tower embeddings from the service's own event log (seed 001's daily cycle):
 * logged decisions become interactions, rewarded ones positives, and the project's trainer writes a
 * new model directory that {@code POST /v1/models/reload} swaps in. A batch job, apart from the
 * request path, so the service keeps answering while it runs.
 */
package dev.nudge.serve.retrain;
