package dev.nudge.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Progress;
import dev.nudge.data.InteractionLog;
import org.junit.jupiter.api.Test;

class BaselineRecommendersTest {

  /**
   * Users 0..39 like items 0..19, users 40..79 like items 20..39; each user has every liked item in
   * training except item (u % 20) of their block, which is held out.
   */
  private static InteractionLog blocks() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    for (int u = 0; u < 80; u++) {
      int base = u < 40 ? 0 : 20;
      for (int k = 0; k < 20; k++) {
        if (k != u % 20) {
          b.add(u, base + k, 0, 1f);
        }
      }
    }
    return b.build();
  }

  @Test
  void popularityScoresAreTrainingCounts() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    b.add(0, 2, 0, 1f);
    b.add(1, 2, 0, 1f);
    b.add(1, 0, 0, 1f);
    float[] out = new float[3];
    PopularityRecommender.fit(b.build(), 3).score(7, out);
    assertThat(out).containsExactly(1f, 0f, 2f);
  }

  @Test
  void bprRanksTheHeldOutItemOfTheUsersBlockAboveTheOtherBlock() {
    BprRecommender bpr =
        BprRecommender.fit(
            blocks(), 80, 40, new BprConfig(8, 0.05, 0.001, 30, 3), Progress.silent());
    float[] s = new float[40];
    int wins = 0;
    for (int u = 0; u < 80; u++) {
      bpr.score(u, s);
      int held = (u < 40 ? 0 : 20) + u % 20;
      int other = (u < 40 ? 20 : 0) + u % 20;
      if (s[held] > s[other]) {
        wins++;
      }
    }
    assertThat(wins).isGreaterThanOrEqualTo(76);
  }

  @Test
  void bprIsReproduciblePerSeed() {
    BprConfig c = new BprConfig(4, 0.05, 0.001, 2, 11);
    float[] a = new float[40];
    float[] b = new float[40];
    BprRecommender.fit(blocks(), 80, 40, c, Progress.silent()).score(5, a);
    BprRecommender.fit(blocks(), 80, 40, c, Progress.silent()).score(5, b);
    assertThat(a).containsExactly(b);
    BprRecommender.fit(blocks(), 80, 40, new BprConfig(4, 0.05, 0.001, 2, 12), Progress.silent())
        .score(5, b);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void bprEarlyStoppingKeepsTheBestEpochsFactors() {
    // Scripted validation scores: the best is after epoch 2 (1-based); with patience 2 training
    // stops after epoch 4, and the factors returned are those a 2-epoch run ends with.
    double[] script = {0.1, 0.3, 0.2, 0.25, 0.9, 0.9};
    int[] calls = {0};
    BprConfig ten = new BprConfig(4, 0.05, 0.001, 10, 11);
    BprRecommender stopped =
        BprRecommender.fit(blocks(), 80, 40, ten, s -> script[calls[0]++], 2, Progress.silent());
    assertThat(calls[0]).isEqualTo(4);
    float[] a = new float[40];
    float[] b = new float[40];
    stopped.score(5, a);
    BprRecommender.fit(blocks(), 80, 40, new BprConfig(4, 0.05, 0.001, 2, 11), Progress.silent())
        .score(5, b);
    assertThat(a).containsExactly(b);
    assertThatThrownBy(
            () -> BprRecommender.fit(blocks(), 80, 40, ten, s -> 0, 0, Progress.silent()))
        .hasMessageContaining("patience must be >= 1");
  }

  @Test
  void rejectsBadConfigAndRows() {
    assertThatThrownBy(() -> new BprConfig(0, 0.05, 0.0, 1, 1)).hasMessageContaining("factors");
    assertThatThrownBy(() -> new BprConfig(4, -1, 0.0, 1, 1)).hasMessageContaining("learningRate");
    assertThatThrownBy(
            () -> BprRecommender.fit(blocks(), 10, 40, BprConfig.defaults(1), Progress.silent()))
        .hasMessageContaining("outside");
  }
}
