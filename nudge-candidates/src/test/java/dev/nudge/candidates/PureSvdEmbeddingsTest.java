package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PureSvdEmbeddingsTest {

  @Test
  void recoversTheBlockStructureOfTheMatrix() {
    // Two disjoint communities: users 0-2 like items 0-2, users 3-5 like items 3-5.
    int[][] lists = {{0, 1, 2}, {0, 1}, {1, 2}, {3, 4, 5}, {3, 4}, {4, 5}};
    InteractionGraph g = InteractionGraph.ofLists(6, lists);
    PureSvdEmbeddings e = PureSvdEmbeddings.fit(g, 2, 30, 1);
    float[][] v = e.itemVectors();
    // Columns of V are orthonormal.
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double dot = 0;
        for (float[] row : v) {
          dot += row[a] * row[b];
        }
        assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-4));
      }
    }
    float[] user = e.userVector(new int[] {0});
    // A first-community history scores the first community above the second.
    assertThat(VectorIndex.dot(user, v[2])).isGreaterThan(VectorIndex.dot(user, v[5]) + 0.1f);
    assertThat(e.userVector(new int[0])).containsOnly(0f);
    assertThatThrownBy(() -> PureSvdEmbeddings.fit(g, 7, 3, 1)).hasMessageContaining("dim");
  }
}
