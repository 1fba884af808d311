package dev.nudge.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RankingModelsTest {

  @Test
  void valueModelIsTheWeightedSum() {
    ValueModel v = new ValueModel(Map.of("click", 1.0, "like", 2.0));
    assertThat(v.value(List.of("click", "like", "other"), new double[] {0.5, 0.25, 0.9}))
        .isCloseTo(1.0, within(1e-12));
    assertThat(ValueModel.parse("--value", "click=1, like=3").weights()).containsEntry("like", 3.0);
    assertThatThrownBy(() -> ValueModel.parse("--value", "click"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'--value'");
    assertThatThrownBy(() -> ValueModel.parse("--value", "click=abc"))
        .hasMessageContaining("not a finite number");
    assertThatThrownBy(() -> v.value(List.of("click"), new double[2]))
        .hasMessageContaining("2 scores for 1 tasks");
  }

  @Test
  void crossedLogisticLearnsAnInteractionThePlainModelCannot() {
    // Two users one-hot (block 0-1), two item topics (block 2-3): label = user0&topic0 or
    // user1&topic1, an XOR of the blocks that only the crossed weights can express.
    RandomGenerator rnd = Seeds.random(5, "xor");
    int n = 2000;
    float[][] x = new float[n][5];
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      int u = rnd.nextInt(2);
      int t = rnd.nextInt(2);
      x[r][u] = 1;
      x[r][2 + t] = 1;
      x[r][4] = (float) rnd.nextGaussian() * 0.1f;
      y[r] = u == t ? 1 : 0;
    }
    CrossedLogistic crossed = CrossedLogistic.train(x, y, 2, 2, 5, 0.1, 0, 1);
    CrossedLogistic plain = CrossedLogistic.train(x, y, 0, 0, 5, 0.1, 0, 1);
    float[] match = {1, 0, 1, 0, 0};
    float[] mismatch = {1, 0, 0, 1, 0};
    assertThat(crossed.predict(match)).isGreaterThan(0.9);
    assertThat(crossed.predict(mismatch)).isLessThan(0.1);
    // Without crosses the best it can do is about one half for every row.
    assertThat(plain.predict(match)).isBetween(0.3, 0.7);
    // Reproducible per seed.
    assertThat(CrossedLogistic.train(x, y, 2, 2, 5, 0.1, 0, 1).predict(match))
        .isEqualTo(crossed.predict(match));
    assertThatThrownBy(() -> CrossedLogistic.train(x, new float[3], 2, 2, 1, 0.1, 0, 1))
        .hasMessageContaining("labels");
    assertThatThrownBy(() -> CrossedLogistic.train(x, y, 4, 4, 1, 0.1, 0, 1))
        .hasMessageContaining("exceed the row width 5");
  }
}
