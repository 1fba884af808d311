package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.Seeds;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

  @Test
  void excludedItemsAreNeverDrawnAndEveryOtherItemIs() {
    // User 0 has seen 3 of 20 items (rejection path), user 1 has seen 15 (rank-select path, with a
    // repeated pair), user 2 nothing.
    int[] pairUsers = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    int[] pairItems = {4, 0, 19, 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 2};
    NegativeSampler s =
        NegativeSampler.excludingSeen(3, 20, pairUsers, pairItems, Seeds.random(1, "t"));
    Set<Integer> seen0 = Set.of(0, 4, 19);
    Set<Integer> seen1 = Set.of(0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16);
    int[][] counts = new int[3][20];
    int draws = 20_000;
    for (int k = 0; k < draws; k++) {
      for (int u = 0; u < 3; u++) {
        counts[u][s.next(u)]++;
      }
    }
    for (int i = 0; i < 20; i++) {
      assertThat(counts[0][i] == 0).as("user 0 item " + i).isEqualTo(seen0.contains(i));
      assertThat(counts[1][i] == 0).as("user 1 item " + i).isEqualTo(seen1.contains(i));
    }
    // Uniform over the unseen: each of user 1's 5 unseen items near draws / 5 (sd ~ 57).
    for (int i : new int[] {4, 11, 17, 18, 19}) {
      assertThat(counts[1][i]).isBetween(draws / 5 - 400, draws / 5 + 400);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(counts[2][i]).isBetween(draws / 20 - 250, draws / 20 + 250);
    }
  }

  @Test
  void aUserWhoHasSeenEveryItemAndTheUniformSamplerDrawFromAll() {
    NegativeSampler all =
        NegativeSampler.excludingSeen(
            1, 3, new int[] {0, 0, 0}, new int[] {2, 0, 1}, Seeds.random(2, "t"));
    NegativeSampler uniform = NegativeSampler.uniform(3, Seeds.random(2, "t"));
    Set<Integer> fromAll = new HashSet<>();
    for (int k = 0; k < 200; k++) {
      int a = all.next(0);
      fromAll.add(a);
      // Same stream, same draws: excluding nothing costs no extra randomness.
      assertThat(uniform.next(0)).isEqualTo(a);
    }
    assertThat(fromAll).containsExactlyInAnyOrder(0, 1, 2);
  }
}
