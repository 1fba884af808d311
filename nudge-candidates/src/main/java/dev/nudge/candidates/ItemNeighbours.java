package dev.nudge.candidates;

import java.util.Arrays;

/**
 * The top neighbours of every item under some item-item similarity, best first, in compressed
 * sparse row form. What {@link SwingSimilarity} and {@link CosineSimilarity} build and {@link
 * NeighbourSource} reads. Immutable.
 */
public final class ItemNeighbours {
  private final int[] offsets;
  private final int[] neighbours;
  private final float[] scores;

  ItemNeighbours(int[] offsets, int[] neighbours, float[] scores) {
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.scores = scores;
  }

  /** Assembles per-item neighbour lists (as built by one worker per item) into CSR form. */
  static ItemNeighbours of(int[][] keys, double[][] values) {
    int n = keys.length;
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + keys[i].length;
    }
    int[] flat = new int[offsets[n]];
    float[] s = new float[offsets[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(keys[i], 0, flat, offsets[i], keys[i].length);
      for (int k = 0; k < keys[i].length; k++) {
        s[offsets[i] + k] = (float) values[i][k];
      }
    }
    return new ItemNeighbours(offsets, flat, s);
  }

  public int items() {
    return offsets.length - 1;
  }

  /** The item's neighbour keys, best first (a copy). */
  public int[] neighbours(int item) {
    return Arrays.copyOfRange(neighbours, offsets[item], offsets[item + 1]);
  }

  /** The similarity of each neighbour of {@link #neighbours(int)}, same order (a copy). */
  public float[] scores(int item) {
    return Arrays.copyOfRange(scores, offsets[item], offsets[item + 1]);
  }

  /** The similarity of {@code a} to {@code b}, or 0 when b is not among a's kept neighbours. */
  public double score(int a, int b) {
    for (int k = offsets[a]; k < offsets[a + 1]; k++) {
      if (neighbours[k] == b) {
        return scores[k];
      }
    }
    return 0;
  }

  int start(int item) {
    return offsets[item];
  }

  int end(int item) {
    return offsets[item + 1];
  }

  int neighbourAt(int k) {
    return neighbours[k];
  }

  float scoreAt(int k) {
    return scores[k];
  }
}
