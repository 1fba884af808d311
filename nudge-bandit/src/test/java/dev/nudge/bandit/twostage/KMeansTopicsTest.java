package dev.nudge.bandit.twostage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.Arm;
import dev.nudge.core.Seeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class KMeansTopicsTest {
  private static final float[][] CENTRES = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};

  /** 25 points around each of four far-apart centres, interleaved. */
  private static float[][] blobs(long seed) {
    RandomGenerator random = Seeds.random(seed);
    float[][] points = new float[100][3];
    for (int i = 0; i < 100; i++) {
      float[] c = CENTRES[i % 4];
      for (int j = 0; j < 3; j++) {
        points[i][j] = c[j] + (float) (0.7 * random.nextGaussian());
      }
    }
    return points;
  }

  @Test
  void recoversWellSeparatedClusters() {
    float[][] points = blobs(1);
    KMeansTopics topics = KMeansTopics.fit(points, 4, 5, 50);
    int[] assign = topics.assignments();
    Set<Integer> clusterOfBlob = new HashSet<>();
    for (int blob = 0; blob < 4; blob++) {
      int cluster = assign[blob];
      for (int i = blob; i < 100; i += 4) {
        assertThat(assign[i]).as("point %d of blob %d", i, blob).isEqualTo(cluster);
      }
      clusterOfBlob.add(cluster);
      // The centre of the cluster is near the blob's true centre.
      float[] centre = topics.centroids()[cluster];
      for (int j = 0; j < 3; j++) {
        assertThat((double) centre[j])
            .isCloseTo(CENTRES[blob][j], org.assertj.core.data.Offset.offset(0.5));
      }
    }
    assertThat(clusterOfBlob).hasSize(4);
    assertThat(topics.iterations()).isLessThan(50);
    Arm arm = new Arm("new", 0, new float[] {9.5f, 0.3f, -0.2f}, null, -1);
    assertThat(topics.topicOf(arm)).isEqualTo(assign[1]);
    assertThat(topics.withTopics(List.of(arm)).getFirst().topic()).isEqualTo(assign[1]);
  }

  @Test
  void sameSeedSameTopics() {
    float[][] points = blobs(2);
    assertThat(KMeansTopics.fit(points, 6, 9, 20).assignments())
        .containsExactly(KMeansTopics.fit(points, 6, 9, 20).assignments());
  }

  @Test
  void duplicatePointsAndKEqualToNWork() {
    float[][] points = {{1, 1}, {1, 1}, {1, 1}};
    KMeansTopics topics = KMeansTopics.fit(points, 3, 1, 10);
    assertThat(topics.k()).isEqualTo(3);
    assertThat(topics.assignments()).hasSize(3);
  }

  @Test
  void badInputFails() {
    assertThatThrownBy(() -> KMeansTopics.fit(new float[0][], 1, 1, 1))
        .hasMessageContaining("points must not be empty");
    assertThatThrownBy(() -> KMeansTopics.fit(new float[][] {{1}, {2}}, 3, 1, 1))
        .hasMessageContaining("k must be in 1..2 (the number of points), got 3");
    assertThatThrownBy(() -> KMeansTopics.fit(new float[][] {{1, 2}, {2}}, 1, 1, 1))
        .hasMessageContaining("point 1 has 1 coordinates, point 0 has 2");
    assertThatThrownBy(() -> KMeansTopics.fit(new float[][] {{1, Float.NaN}}, 1, 1, 1))
        .hasMessageContaining("point 0 coordinate 1 is NaN");
    assertThatThrownBy(() -> KMeansTopics.fit(new float[][] {{1}}, 1, 1, 0))
        .hasMessageContaining("maxIterations must be >= 1, got 0");
    KMeansTopics topics = KMeansTopics.fit(new float[][] {{1, 2}}, 1, 1, 1);
    assertThatThrownBy(() -> topics.nearest(new float[] {1}))
        .hasMessageContaining("embedding has length 1, topics were fitted on 2");
  }
}
