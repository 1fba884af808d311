package dev.nudge.candidates;

import dev.nudge.data.InteractionLog;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The bipartite user-item graph of positive interactions in compressed sparse row form, both ways:
 * each user's distinct items in the order of their first interaction, and each item's distinct
 * users in key order. The shared input of every collaborative source. Immutable.
 */
public final class InteractionGraph {
  private final int users;
  private final int items;
  private final int[] userOffsets;
  private final int[] userItems;
  private final int[] itemOffsets;
  private final int[] itemUsers;
  private final long[] lastTime;

  private InteractionGraph(
      int users, int items, int[] userOffsets, int[] userItems, long[] lastTimePerUserItem) {
    this.users = users;
    this.items = items;
    this.userOffsets = userOffsets;
    this.userItems = userItems;
    this.lastTime = lastTimePerUserItem;
    this.itemOffsets = new int[items + 1];
    for (int item : userItems) {
      itemOffsets[item + 1]++;
    }
    for (int i = 0; i < items; i++) {
      itemOffsets[i + 1] += itemOffsets[i];
    }
    this.itemUsers = new int[userItems.length];
    int[] fill = Arrays.copyOf(itemOffsets, items);
    // Users are visited in key order, so each item's user list comes out sorted.
    for (int u = 0; u < users; u++) {
      for (int k = userOffsets[u]; k < userOffsets[u + 1]; k++) {
        itemUsers[fill[userItems[k]]++] = u;
      }
    }
  }

  /**
   * The graph of the log's positive rows (a label of 1, or a rating at or above {@code minRating});
   * repeated (user, item) pairs count once.
   *
   * @param log the interactions; keys must be below {@code users} and {@code items}
   * @param users how many users there are (the user table's size)
   * @param items how many items there are (the catalogue's size)
   * @param minRating the rating threshold for a positive (ignored for label logs)
   */
  public static InteractionGraph of(InteractionLog log, int users, int items, float minRating) {
    if (users < 0 || items < 0) {
      throw new IllegalArgumentException(
          "users and items must be >= 0, got " + users + " and " + items);
    }
    int[] order = log.timeOrder();
    int[] counts = new int[users + 1];
    // Deduplicate (user, item) pairs: the first occurrence in time order fixes the history order.
    HashMap<Long, Integer> seen = new HashMap<>();
    int cap = Math.max(16, log.size());
    long[] times = new long[cap];
    int[] itemOf = new int[cap];
    int[] userOf = new int[cap];
    int kept = 0;
    for (int r : order) {
      int u = log.user(r);
      int i = log.item(r);
      if (u < 0 || u >= users) {
        throw new IllegalArgumentException(
            "interaction row " + r + ": user key " + u + " is outside 0.." + (users - 1));
      }
      if (i < 0 || i >= items) {
        throw new IllegalArgumentException(
            "interaction row " + r + ": item key " + i + " is outside 0.." + (items - 1));
      }
      if (!log.isPositive(r, minRating)) {
        continue;
      }
      Integer at = seen.putIfAbsent((long) u * items + i, kept);
      if (at != null) {
        times[at] = Math.max(times[at], log.time(r));
        continue;
      }
      userOf[kept] = u;
      itemOf[kept] = i;
      times[kept] = log.time(r);
      counts[u + 1]++;
      kept++;
    }
    for (int u = 0; u < users; u++) {
      counts[u + 1] += counts[u];
    }
    int[] userItems = new int[kept];
    long[] lastTime = new long[kept];
    int[] fill = Arrays.copyOf(counts, users);
    for (int k = 0; k < kept; k++) {
      int at = fill[userOf[k]]++;
      userItems[at] = itemOf[k];
      lastTime[at] = times[k];
    }
    return new InteractionGraph(users, items, counts, userItems, lastTime);
  }

  /** A graph from explicit per-user item lists (tests, synthetic data); items in given order. */
  public static InteractionGraph ofLists(int items, int[][] itemsPerUser) {
    int users = itemsPerUser.length;
    int[] offsets = new int[users + 1];
    for (int u = 0; u < users; u++) {
      int[] row = itemsPerUser[u];
      if (Arrays.stream(row).distinct().count() != row.length) {
        throw new IllegalArgumentException("user " + u + " lists an item twice");
      }
      for (int i : row) {
        if (i < 0 || i >= items) {
          throw new IllegalArgumentException(
              "user " + u + ": item key " + i + " is outside 0.." + (items - 1));
        }
      }
      offsets[u + 1] = offsets[u] + row.length;
    }
    int[] flat = new int[offsets[users]];
    long[] time = new long[flat.length];
    for (int u = 0; u < users; u++) {
      System.arraycopy(itemsPerUser[u], 0, flat, offsets[u], itemsPerUser[u].length);
      for (int k = offsets[u]; k < offsets[u + 1]; k++) {
        time[k] = k - offsets[u];
      }
    }
    return new InteractionGraph(users, items, offsets, flat, time);
  }

  public int users() {
    return users;
  }

  public int items() {
    return items;
  }

  /** How many (user, item) edges the graph has. */
  public int edges() {
    return userItems.length;
  }

  /** The user's distinct items, oldest first (a copy). */
  public int[] history(int user) {
    if (user < 0 || user >= users) {
      return new int[0];
    }
    return Arrays.copyOfRange(userItems, userOffsets[user], userOffsets[user + 1]);
  }

  /** The item's distinct users in key order (a copy). */
  public int[] usersOf(int item) {
    return Arrays.copyOfRange(itemUsers, itemOffsets[item], itemOffsets[item + 1]);
  }

  public int userDegree(int user) {
    return userOffsets[user + 1] - userOffsets[user];
  }

  public int itemDegree(int item) {
    return itemOffsets[item + 1] - itemOffsets[item];
  }

  /** The time of the user's latest interaction with the k-th item of their history. */
  long time(int user, int k) {
    return lastTime[userOffsets[user] + k];
  }

  // Package-private raw access for the similarity builders' inner loops (no copies).
  int userStart(int user) {
    return userOffsets[user];
  }

  int userEnd(int user) {
    return userOffsets[user + 1];
  }

  int userItemAt(int k) {
    return userItems[k];
  }

  int itemStart(int item) {
    return itemOffsets[item];
  }

  int itemEnd(int item) {
    return itemOffsets[item + 1];
  }

  int itemUserAt(int k) {
    return itemUsers[k];
  }
}
