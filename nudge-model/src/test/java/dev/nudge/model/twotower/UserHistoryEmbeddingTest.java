package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Progress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user tower over a history given at call time (cold users, histories that grew). */
class UserHistoryEmbeddingTest {
  private static final SyntheticData.World WORLD = SyntheticData.world(120, 80, 4, 15, 3);

  private static TwoTowerModel train(List<InputGroup> userInputs) {
    TowerConfig user = new TowerConfig(userInputs, List.of(16), null, 0.0);
    TowerConfig item = new TowerConfig(List.of(InputGroup.id(8)), List.of(16), null, 0.0);
    TrainingConfig training =
        new TrainingConfig(null, null, null, 0.01, 64, 1, null, null, 0.5, 9L, null);
    return TwoTowerTrainer.train(
            WORLD.data(),
            WORLD.train(),
            new TwoTowerConfig(user, item, 8, false, null, training),
            null,
            Progress.silent())
        .model();
  }

  @Test
  void theTrainedHistoryGivesTheTrainedEmbeddingAndAnotherHistoryAnother() {
    TwoTowerModel model =
        train(
            List.of(
                InputGroup.id(8), InputGroup.history(8, 5), InputGroup.categorical("segment", 4)));
    int[][] histories = FeatureEncoder.histories(WORLD.train(), model.userCount(), 0.5);
    int nonEmpty = 0;
    for (int u = 0; u < model.userCount(); u++) {
      assertThat(model.userEmbedding(u, histories[u])).containsExactly(model.userEmbedding(u));
      if (histories[u].length > 0) {
        nonEmpty++;
        int[] other = histories[(u + 1) % model.userCount()];
        if (!Arrays.equals(
            Arrays.copyOfRange(other, Math.max(0, other.length - 5), other.length),
            Arrays.copyOfRange(
                histories[u], Math.max(0, histories[u].length - 5), histories[u].length))) {
          assertThat(model.userEmbedding(u, other)).isNotEqualTo(model.userEmbedding(u));
        }
      }
    }
    assertThat(nonEmpty).isGreaterThan(100);
    // Only the most recent five items are read: older ones change nothing.
    int[] h = {1, 2, 3, 4, 5, 6, 7};
    assertThat(model.userEmbedding(0, h))
        .containsExactly(model.userEmbedding(0, new int[] {3, 4, 5, 6, 7}));
  }

  @Test
  void aHistoryOnlyTowerEncodesUnknownUsersAndBadKeysAreRejected() {
    TwoTowerModel model = train(List.of(InputGroup.history(8, 5)));
    int[] h = {4, 9, 17};
    float[] cold = model.userEmbedding(-1, h);
    assertThat(cold).hasSize(8).containsExactly(model.userEmbedding(7, h));
    for (float v : cold) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    assertThatThrownBy(() -> model.userEmbedding(-1, new int[] {80}))
        .hasMessageContaining("history item key")
        .hasMessageContaining("80");

    TwoTowerModel withId = train(List.of(InputGroup.id(8), InputGroup.history(8, 5)));
    assertThatThrownBy(() -> withId.userEmbedding(-1, h))
        .hasMessageContaining("reads only the history")
        .hasMessageContaining("id");
    assertThatThrownBy(() -> withId.userEmbedding(120, h)).hasMessageContaining("user key");
  }
}
