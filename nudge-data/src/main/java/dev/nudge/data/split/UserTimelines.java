package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;

/**
 * Each user's rows in time order (ties by row number), stored as one array of rows grouped by user
 * plus offsets, so grouping a large log costs two int arrays rather than a list per user.
 */
final class UserTimelines {
  private final int[] offsets;
  private final int[] rows;

  private UserTimelines(int[] offsets, int[] rows) {
    this.offsets = offsets;
    this.rows = rows;
  }

  static UserTimelines of(InteractionLog log) {
    int n = log.size();
    int users = 0;
    for (int r = 0; r < n; r++) {
      int u = log.user(r);
      if (u < 0) {
        throw new IllegalArgumentException("row " + r + " has a negative user key " + u);
      }
      users = Math.max(users, u + 1);
    }
    int[] offsets = new int[users + 1];
    for (int r = 0; r < n; r++) {
      offsets[log.user(r) + 1]++;
    }
    for (int u = 0; u < users; u++) {
      offsets[u + 1] += offsets[u];
    }
    // Walking the rows in global time order and appending each to its user's block keeps every
    // block in time order without sorting per user.
    int[] next = java.util.Arrays.copyOf(offsets, users);
    int[] rows = new int[n];
    for (int r : log.timeOrder()) {
      rows[next[log.user(r)]++] = r;
    }
    return new UserTimelines(offsets, rows);
  }

  /** One more than the largest user key. */
  int users() {
    return offsets.length - 1;
  }

  /** How many rows user {@code u} has. */
  int length(int u) {
    return offsets[u + 1] - offsets[u];
  }

  /** The {@code k}-th row (0-based, in time order) of user {@code u}. */
  int row(int u, int k) {
    return rows[offsets[u] + k];
  }
}
