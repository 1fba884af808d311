/**
 * Downloading public data sets from their publishers: a {@link
 * dev.nudge.data.fetch.DatasetRegistry} of known sets (MovieLens 100K / 1M / latest-small / 20M,
 * MIND-small) with their checksums, and a {@link dev.nudge.data.fetch.DatasetFetcher} that
 * downloads, verifies, unpacks and moves a set into place.
 *
 * <p>Nothing half-done is ever left behind: archives are downloaded and unpacked into a hidden
 * staging folder beside the target, verified there, and moved into place in one rename; any failure
 * (HTTP error, checksum mismatch, an archive entry that would escape the target) deletes the
 * staging folder. A completed fetch leaves a small manifest, so a second fetch of the same set
 * checks it and downloads nothing.
 *
 * <p>The registry's base URLs are injectable, so mirrors work and tests serve fixture archives from
 * a local HTTP server instead of touching the network.
 */
package dev.nudge.data.fetch;
