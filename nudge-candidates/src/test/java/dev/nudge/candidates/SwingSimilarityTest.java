package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SwingSimilarityTest {

  /** Swing straight from its definition: every unordered user pair, set intersections. */
  static double bruteForce(int[][] itemsPerUser, int i, int j, double alpha) {
    double s = 0;
    for (int u = 0; u < itemsPerUser.length; u++) {
      for (int v = u + 1; v < itemsPerUser.length; v++) {
        Set<Integer> iu = set(itemsPerUser[u]);
        Set<Integer> iv = set(itemsPerUser[v]);
        if (iu.contains(i) && iu.contains(j) && iv.contains(i) && iv.contains(j)) {
          Set<Integer> common = new HashSet<>(iu);
          common.retainAll(iv);
          double wu = Math.pow(iu.size() + 5, -0.35);
          double wv = Math.pow(iv.size() + 5, -0.35);
          s += wu * wv / (alpha + common.size());
        }
      }
    }
    return s;
  }

  static Set<Integer> set(int[] a) {
    Set<Integer> s = new HashSet<>();
    for (int x : a) {
      s.add(x);
    }
    return s;
  }

  static int[][] randomUsers(long seed, int users, int items, double density) {
    RandomGenerator rnd = Seeds.random(seed, "swing-test");
    int[][] out = new int[users][];
    for (int u = 0; u < users; u++) {
      out[u] =
          java.util.stream.IntStream.range(0, items)
              .filter(i -> rnd.nextDouble() < density)
              .toArray();
    }
    return out;
  }

  @Test
  void handWorkedExampleMatchesTheFormula() {
    // Users 0 and 1 share items {0, 1}; user 2 has {0, 1, 2}: pairs (0,1), (0,2), (1,2) all
    // contain 0 and 1.
    int[][] lists = {{0, 1}, {0, 1}, {0, 1, 2}};
    ItemNeighbours n =
        new SwingSimilarity(1, 10, Integer.MAX_VALUE, 1).build(InteractionGraph.ofLists(3, lists));
    double w2 = Math.pow(7, -0.35);
    double w3 = Math.pow(8, -0.35);
    double expected = w2 * w2 / 3 + 2 * (w2 * w3 / 3);
    assertThat(n.score(0, 1)).isCloseTo(expected, within(1e-6));
    assertThat(n.score(1, 0)).isCloseTo(expected, within(1e-6));
    // Only user 2 has item 2: no pair, no similarity.
    assertThat(n.score(0, 2)).isZero();
  }

  @Test
  void equalsBruteForceOnRandomGraphsForAnyThreadCount() {
    int items = 12;
    int[][] lists = randomUsers(7, 25, items, 0.35);
    InteractionGraph graph = InteractionGraph.ofLists(items, lists);
    ItemNeighbours one = new SwingSimilarity(1, items, Integer.MAX_VALUE, 1).build(graph);
    ItemNeighbours three = new SwingSimilarity(1, items, Integer.MAX_VALUE, 3).build(graph);
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        if (i == j) {
          continue;
        }
        double expected = bruteForce(lists, i, j, 1);
        assertThat(one.score(i, j)).as("swing(%d,%d)", i, j).isCloseTo(expected, within(1e-5));
      }
      assertThat(three.neighbours(i)).isEqualTo(one.neighbours(i));
      assertThat(three.scores(i)).isEqualTo(one.scores(i));
    }
  }

  @Test
  void keepsTheBestNeighboursInOrder() {
    int items = 15;
    int[][] lists = randomUsers(11, 40, items, 0.3);
    ItemNeighbours n =
        new SwingSimilarity(1, 3, Integer.MAX_VALUE, 2)
            .build(InteractionGraph.ofLists(items, lists));
    for (int i = 0; i < items; i++) {
      int item = i;
      double[] all =
          java.util.stream.IntStream.range(0, items)
              .filter(j -> j != item)
              .mapToDouble(j -> bruteForce(lists, item, j, 1))
              .filter(s -> s > 0)
              .sorted()
              .toArray();
      float[] kept = n.scores(i);
      assertThat(kept.length).isEqualTo(Math.min(3, all.length));
      for (int k = 0; k < kept.length; k++) {
        assertThat((double) kept[k]).isCloseTo(all[all.length - 1 - k], within(1e-5));
      }
    }
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new SwingSimilarity(0, 10, 100, 1)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new SwingSimilarity(1, 0, 100, 1)).hasMessageContaining("neighbours");
    assertThatThrownBy(() -> new SwingSimilarity(1, 10, 100, 0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> InteractionGraph.ofLists(3, new int[][] {{0, 5}}))
        .hasMessageContaining("item key 5");
    assertThatThrownBy(() -> InteractionGraph.ofLists(3, new int[][] {{1, 1}}))
        .hasMessageContaining("twice");
  }

  @Test
  void userWeightFollowsThePowerLaw() {
    assertThat(SwingSimilarity.userWeight(0)).isCloseTo(Math.pow(5, -0.35), within(1e-12));
    assertThat(SwingSimilarity.userWeight(95)).isCloseTo(Math.pow(100, -0.35), within(1e-12));
    assertThat(Arrays.asList(1, 2)).hasSize(2);
  }
}
