package dev.nudge.candidates;

/**
 * Swing item-item similarity (Yang et al., "Large Scale Product Graph Construction for
 * Recommendation in E-commerce", 2020), as in algorithms.md section 5:
 *
 * <pre>
 *   swing(i, j) = sum over unordered user pairs {u, v}, u != v, who both interacted with i and j,
 *                 of  w_u * w_v / (alpha + |I_u ∩ I_v|),     w_u = (|I_u| + 5)^-0.35
 * </pre>
 *
 * A pair of users who share little besides i and j is strong evidence that i and j belong together;
 * a pair who share everything (two heavy users) is weak evidence, hence the division by their
 * overlap. Each unordered pair counts once (counting ordered pairs would double every score and
 * change no ranking).
 *
 * <p>The build is sparse and runs one job per item i: for each pair of i's users it intersects
 * their item sets with a marker array and adds the pair's weight to every j in the intersection,
 * which costs the sum over pairs of |I_v| instead of a dense item-item matrix. Items are shared out
 * among threads; results do not depend on the thread count.
 *
 * @param alpha the smoothing constant (1 in the paper's setting), > 0
 * @param neighbours how many neighbours to keep per item, >= 1
 * @param maxUsersPerItem pairs are quadratic in an item's users: above this many, an evenly spaced
 *     subset of its users (by key) is used; {@link Integer#MAX_VALUE} for the exact sum
 * @param threads worker threads, >= 1
 */
public record SwingSimilarity(double alpha, int neighbours, int maxUsersPerItem, int threads) {

  public SwingSimilarity {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
    }
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
    }
    if (maxUsersPerItem < 2) {
      throw new IllegalArgumentException("maxUsersPerItem must be >= 2, got " + maxUsersPerItem);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  /** The paper's alpha = 1, 100 neighbours, exact sums, all available processors. */
  public static SwingSimilarity defaults() {
    return new SwingSimilarity(
        1.0, 100, Integer.MAX_VALUE, Runtime.getRuntime().availableProcessors());
  }

  /** A user's weight w_u = (|I_u| + 5)^-0.35: heavy users count less. */
  public static double userWeight(int itemCount) {
    return Math.pow(itemCount + 5.0, -0.35);
  }

  public ItemNeighbours build(InteractionGraph graph) {
    int items = graph.items();
    double[] weight = new double[graph.users()];
    for (int u = 0; u < weight.length; u++) {
      weight[u] = userWeight(graph.userDegree(u));
    }
    int[][] keys = new int[items][];
    double[][] values = new double[items][];
    ItemParallel.forEachItem(
        items,
        threads,
        () -> {
          double[] acc = new double[items];
          int[] touched = new int[items];
          boolean[] isTouched = new boolean[items];
          int[] mark = new int[items];
          int[] common = new int[items];
          int[] stamp = {0};
          TopK top = new TopK(neighbours);
          return i -> {
            int[] users = sampledUsers(graph, i);
            int nTouched = 0;
            for (int a = 0; a < users.length; a++) {
              int u = users[a];
              stamp[0]++;
              for (int k = graph.userStart(u); k < graph.userEnd(u); k++) {
                mark[graph.userItemAt(k)] = stamp[0];
              }
              for (int b = a + 1; b < users.length; b++) {
                int v = users[b];
                int c = 0;
                for (int k = graph.userStart(v); k < graph.userEnd(v); k++) {
                  int j = graph.userItemAt(k);
                  if (mark[j] == stamp[0]) {
                    common[c++] = j;
                  }
                }
                double w = weight[u] * weight[v] / (alpha + c);
                for (int k = 0; k < c; k++) {
                  int j = common[k];
                  if (j == i) {
                    continue;
                  }
                  acc[j] += w;
                  if (!isTouched[j]) {
                    isTouched[j] = true;
                    touched[nTouched++] = j;
                  }
                }
              }
            }
            top.clear();
            for (int t = 0; t < nTouched; t++) {
              int j = touched[t];
              top.offer(j, acc[j]);
              acc[j] = 0;
              isTouched[j] = false;
            }
            double[] s = new double[top.size()];
            keys[i] = top.drain(s);
            values[i] = s;
          };
        });
    return ItemNeighbours.of(keys, values);
  }

  private int[] sampledUsers(InteractionGraph graph, int item) {
    int[] all = graph.usersOf(item);
    if (all.length <= maxUsersPerItem) {
      return all;
    }
    int[] out = new int[maxUsersPerItem];
    for (int k = 0; k < maxUsersPerItem; k++) {
      out[k] = all[(int) ((long) k * all.length / maxUsersPerItem)];
    }
    return out;
  }
}
