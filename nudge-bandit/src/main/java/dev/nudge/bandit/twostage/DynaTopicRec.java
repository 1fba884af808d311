package dev.nudge.bandit.twostage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dynamic topic reconstruction, the paper's Algorithm 2. Topic sizes are highly imbalanced (1 to
 * 15,000 items per topic in MIND), so the top m topics alone make groups of wildly different sizes.
 * DynaTopicRec starts m groups with the m best topics and, while some group holds at most p items
 * and topics remain, gives each such group the next best remaining topic, round-robin. Groups are
 * disjoint; topics left over once every group exceeds p are not used this round.
 */
public final class DynaTopicRec {
  private DynaTopicRec() {}

  /**
   * Builds the topic groups.
   *
   * @param m the number of groups wanted (the slate size); fewer topics than m give one group per
   *     topic
   * @param sizes the number of items of each topic, in descending order of topic score (sizes[0] is
   *     the best topic's)
   * @param p the minimum reconstruction size: a group with at most p items takes another topic
   * @return for each group, the ranks (indices into {@code sizes}) of its topics, in the order
   *     added
   */
  public static List<int[]> groups(int m, int[] sizes, int p) {
    if (m < 1) {
      throw new IllegalArgumentException("m must be >= 1, got " + m);
    }
    if (p < 0) {
      throw new IllegalArgumentException("p (minimum group size) must be >= 0, got " + p);
    }
    if (sizes.length == 0) {
      throw new IllegalArgumentException("sizes must name at least one topic");
    }
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 0) {
        throw new IllegalArgumentException("sizes[" + i + "] must be >= 0, got " + sizes[i]);
      }
    }
    int q = sizes.length;
    int g = Math.min(m, q);
    int[][] members = new int[g][];
    int[] counts = new int[g];
    long[] items = new long[g];
    for (int i = 0; i < g; i++) {
      members[i] = new int[] {i};
      counts[i] = 1;
      items[i] = sizes[i];
    }
    int next = g;
    while (next < q && anyAtMost(items, p)) {
      for (int i = 0; i < g && next < q; i++) {
        if (items[i] <= p) {
          if (counts[i] == members[i].length) {
            members[i] = Arrays.copyOf(members[i], 2 * counts[i]);
          }
          members[i][counts[i]++] = next;
          items[i] += sizes[next];
          next++;
        }
      }
    }
    List<int[]> groups = new ArrayList<>(g);
    for (int i = 0; i < g; i++) {
      groups.add(Arrays.copyOf(members[i], counts[i]));
    }
    return groups;
  }

  private static boolean anyAtMost(long[] items, int p) {
    for (long c : items) {
      if (c <= p) {
        return true;
      }
    }
    return false;
  }
}
