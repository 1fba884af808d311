package dev.nudge.bandit.twostage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Seeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DynaTopicRecTest {

  @Test
  void imbalancedTopicsFillTheSmallGroupOnly() {
    // Best topic has 10 items, the next three 1 each, the fifth 5; p = 3.
    List<int[]> groups = DynaTopicRec.groups(2, new int[] {10, 1, 1, 1, 5}, 3);
    assertThat(groups).containsExactly(new int[] {0}, new int[] {1, 2, 3, 4});
  }

  @Test
  void exhaustedTopicsStopTheRoundRobin() {
    List<int[]> groups = DynaTopicRec.groups(3, new int[] {1, 1, 1, 1}, 5);
    assertThat(groups).containsExactly(new int[] {0, 3}, new int[] {1}, new int[] {2});
  }

  @Test
  void tinyTopicsAreDealtRoundRobinUntilEachGroupExceedsP() {
    List<int[]> groups = DynaTopicRec.groups(3, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 2);
    // Three rounds give each group 3 items (> 2); the tenth topic is left out.
    assertThat(groups)
        .containsExactly(new int[] {0, 3, 6}, new int[] {1, 4, 7}, new int[] {2, 5, 8});
  }

  @Test
  void groupsWithExactlyPItemsStillGrow() {
    // Algorithm 2 tests c_i <= p, so a group of exactly p items takes another topic.
    assertThat(DynaTopicRec.groups(1, new int[] {2, 4, 1}, 2)).containsExactly(new int[] {0, 1});
  }

  @Test
  void fewerTopicsThanSlotsGiveOneGroupPerTopic() {
    assertThat(DynaTopicRec.groups(4, new int[] {3, 2}, 0))
        .containsExactly(new int[] {0}, new int[] {1});
    assertThat(DynaTopicRec.groups(2, new int[] {5, 5, 5}, 0))
        .containsExactly(new int[] {0}, new int[] {1});
  }

  @Test
  void randomCasesKeepGroupsDisjointAndStopCorrectly() {
    RandomGenerator random = Seeds.random(12);
    for (int trial = 0; trial < 500; trial++) {
      int q = 1 + random.nextInt(30);
      int m = 1 + random.nextInt(8);
      int p = random.nextInt(40);
      int[] sizes = new int[q];
      for (int i = 0; i < q; i++) {
        sizes[i] = 1 + random.nextInt(random.nextBoolean() ? 3 : 50);
      }
      List<int[]> groups = DynaTopicRec.groups(m, sizes, p);
      assertThat(groups).hasSize(Math.min(m, q));
      Set<Integer> used = new HashSet<>();
      boolean anySmall = false;
      for (int i = 0; i < groups.size(); i++) {
        int[] g = groups.get(i);
        assertThat(g[0]).as("group %d starts with the %d-th best topic", i, i).isEqualTo(i);
        long items = 0;
        for (int t : g) {
          assertThat(used.add(t)).as("topic %d used twice", t).isTrue();
          items += sizes[t];
        }
        anySmall |= items <= p;
      }
      // Either every group exceeds p, or every topic was used.
      assertThat(!anySmall || used.size() == q).isTrue();
      // Topics are consumed best first: the used ones are exactly 0..used-1.
      for (int t = 0; t < used.size(); t++) {
        assertThat(used).contains(t);
      }
    }
  }

  @Test
  void badParametersFail() {
    assertThatThrownBy(() -> DynaTopicRec.groups(0, new int[] {1}, 1))
        .hasMessageContaining("m must be >= 1, got 0");
    assertThatThrownBy(() -> DynaTopicRec.groups(1, new int[] {1}, -1))
        .hasMessageContaining("p (minimum group size) must be >= 0, got -1");
    assertThatThrownBy(() -> DynaTopicRec.groups(1, new int[0], 1))
        .hasMessageContaining("at least one topic");
    assertThatThrownBy(() -> DynaTopicRec.groups(1, new int[] {2, -3}, 1))
        .hasMessageContaining("sizes[1] must be >= 0, got -3");
  }
}
