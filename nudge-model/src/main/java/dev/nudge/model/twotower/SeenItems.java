package dev.nudge.model.twotower;

import java.util.Arrays;

/**
 * Each user's training positives, sorted and without repeats, in one flat array (compressed rows).
 * The unseen-negative sampler draws around them, and the catalogue softmax masks them, so that an
 * item the user likes is never scored as one of the user's negatives.
 */
final class SeenItems {
  private final int[] start;
  private final int[] items;

  private SeenItems(int[] start, int[] items) {
    this.start = start;
    this.items = items;
  }

  /**
   * The items of the pairs ({@code pairUsers[k]}, {@code pairItems[k]}), grouped by user.
   *
   * @param users the number of users (keys 0..users-1)
   */
  static SeenItems of(int users, int[] pairUsers, int[] pairItems) {
    int[] count = new int[users + 1];
    for (int u : pairUsers) {
      count[u + 1]++;
    }
    for (int u = 0; u < users; u++) {
      count[u + 1] += count[u];
    }
    int[] fill = Arrays.copyOf(count, users);
    int[] flat = new int[pairUsers.length];
    for (int k = 0; k < pairUsers.length; k++) {
      flat[fill[pairUsers[k]]++] = pairItems[k];
    }
    // Sorted and without repeats, so a rank-select over them counts each seen item once.
    int[] compactStart = new int[users + 1];
    int size = 0;
    for (int u = 0; u < users; u++) {
      Arrays.sort(flat, count[u], count[u + 1]);
      compactStart[u] = size;
      for (int k = count[u]; k < count[u + 1]; k++) {
        if (k == count[u] || flat[k] != flat[k - 1]) {
          flat[size++] = flat[k];
        }
      }
    }
    compactStart[users] = size;
    return new SeenItems(compactStart, Arrays.copyOf(flat, size));
  }

  /** Index in {@link #item} of {@code user}'s first seen item. */
  int from(int user) {
    return start[user];
  }

  /** One past the index of {@code user}'s last seen item. */
  int to(int user) {
    return start[user + 1];
  }

  /** The seen item at flat index {@code k}. */
  int item(int k) {
    return items[k];
  }

  /** Whether {@code user} has a training positive for {@code item}. */
  boolean contains(int user, int item) {
    return Arrays.binarySearch(items, start[user], start[user + 1], item) >= 0;
  }
}
