package dev.nudge.candidates;

import java.util.Arrays;

/**
 * Selects the k highest-scoring keys out of a sparse score accumulator with a bounded min-heap.
 * Ties go to the smaller key, so results are deterministic whatever order keys were touched in. Not
 * thread-safe: one per worker thread.
 */
final class TopK {
  private final int[] heapKeys;
  private final double[] heapScores;
  private int size;

  TopK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    heapKeys = new int[k];
    heapScores = new double[k];
  }

  void clear() {
    size = 0;
  }

  /** Offers a key; kept if it beats the current k-th best. */
  void offer(int key, double score) {
    int k = heapKeys.length;
    if (k == 0) {
      return;
    }
    if (size < k) {
      heapKeys[size] = key;
      heapScores[size] = score;
      siftUp(size++);
    } else if (worse(heapKeys[0], heapScores[0], key, score)) {
      heapKeys[0] = key;
      heapScores[0] = score;
      siftDown(0);
    }
  }

  int size() {
    return size;
  }

  /** Keys best first (the heap is emptied); scores are written to {@code scoresOut}. */
  int[] drain(double[] scoresOut) {
    int n = size;
    int[] keys = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      keys[i] = heapKeys[0];
      scoresOut[i] = heapScores[0];
      size--;
      if (size > 0) {
        heapKeys[0] = heapKeys[size];
        heapScores[0] = heapScores[size];
        siftDown(0);
      }
    }
    return keys;
  }

  /** Whether (ka, sa) ranks below (kb, sb): lower score, or equal score and larger key. */
  private static boolean worse(int ka, double sa, int kb, double sb) {
    return sa < sb || (sa == sb && ka > kb);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int p = (i - 1) / 2;
      if (!worse(heapKeys[i], heapScores[i], heapKeys[p], heapScores[p])) {
        return;
      }
      swap(i, p);
      i = p;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int m = i;
      if (l < size && worse(heapKeys[l], heapScores[l], heapKeys[m], heapScores[m])) {
        m = l;
      }
      if (r < size && worse(heapKeys[r], heapScores[r], heapKeys[m], heapScores[m])) {
        m = r;
      }
      if (m == i) {
        return;
      }
      swap(i, m);
      i = m;
    }
  }

  private void swap(int a, int b) {
    int k = heapKeys[a];
    heapKeys[a] = heapKeys[b];
    heapKeys[b] = k;
    double s = heapScores[a];
    heapScores[a] = heapScores[b];
    heapScores[b] = s;
  }

  @Override
  public String toString() {
    return "TopK" + Arrays.toString(Arrays.copyOf(heapKeys, size));
  }
}
