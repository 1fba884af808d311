package dev.nudge.simulation.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.bandit.neural.NeuralGreedyPolicy;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.simulation.experiment.BanditEnvironment;
import dev.nudge.simulation.experiment.ExperimentConfig;
import dev.nudge.simulation.experiment.ExperimentResult;
import dev.nudge.simulation.experiment.ExperimentRunner;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TwoTowerEncoderTest {
  /** Users like the items of their genre (user % 3); see {@link UserChoiceSimulatorTest}. */
  private static final Dataset WORLD = UserChoiceSimulatorTest.tasteWorld(80, 90, 3, 40, 3);

  @Test
  void embeddingsAreFiniteSharedInWidthAndDeterministicPerSeed() {
    TwoTowerEncoder encoder = new TwoTowerEncoder(8, 5, 4);
    Encoding a = encoder.fit(WORLD, 5);
    Encoding b = encoder.fit(WORLD, 5);
    Encoding other = encoder.fit(WORLD, 6);

    assertThat(a.name()).isEqualTo("two-tower-8");
    assertThat(a.items()).hasNumberOfRows(90);
    assertThat(a.itemDimension()).isEqualTo(8);
    // The same seed gives the same embeddings, to the last bit; another seed moves them by ~0.1.
    assertThat(a.items()).isDeepEqualTo(b.items());
    assertThat(maxDifference(a.items(), other.items())).isGreaterThan(1e-2);
    int[] history = {0, 3, 6, 9};
    float[] z = a.user().apply(history);
    assertThat(z).containsExactly(b.user().apply(history));
    assertThat(z).hasSize(8);
    for (float[] x : a.items()) {
      for (float v : x) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
    for (float v : z) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    // The pre-trained score ranks the history's genre (items k with k % 3 == 0) first on average.
    double same = 0;
    double others = 0;
    for (int i = 0; i < 90; i++) {
      double s = 0;
      for (int f = 0; f < 8; f++) {
        s += a.items()[i][f] * z[f];
      }
      if (i % 3 == 0) {
        same += s / 30;
      } else {
        others += s / 60;
      }
    }
    assertThat(same).isGreaterThan(others);
    assertThatThrownBy(() -> new TwoTowerEncoder(8, 0, 4)).hasMessageContaining("epochs");
  }

  @Test
  void nGreedyOnTwoTowerEmbeddingsBeatsRandomInAShortRun() {
    UserChoiceSimulator simulator =
        UserChoiceSimulator.train(
            WORLD, new UserChoiceSimulator.Config(4, 5, 0.7, 0.15, 0.1, 42), Progress.silent());
    PaperTrials trials = new PaperTrials(WORLD, simulator, new TwoTowerEncoder(8, 5, 4), 10);
    ExperimentConfig config =
        new ExperimentConfig("tt", 7L, 2, 10, 100, 3, 0, 1, List.of("random", "n-greedy"));
    ExperimentResult result =
        new ExperimentRunner()
            .run(config, trials, TwoTowerEncoderTest::policy, "taste world", Progress.silent());
    List<ExperimentResult.Summary> s = result.summaries();
    assertThat(s.get(1).policy()).isEqualTo("n-greedy");
    // Random shows a liked item a third of the time; greedy on a useful encoder far more often.
    assertThat(s.get(1).ctrMean()).isGreaterThan(1.5 * s.get(0).ctrMean());
  }

  @Test
  void clicksGrowTheHistoryAndTheUserEmbeddingOfOneRunOnly() {
    UserChoiceSimulator simulator =
        UserChoiceSimulator.train(
            WORLD, new UserChoiceSimulator.Config(4, 5, 0.7, 0.15, 0.1, 42), Progress.silent());
    Encoding encoding = new TwoTowerEncoder(8, 2, 4).fit(WORLD, 5);
    int[] users = {0, 1};
    PaperEnvironment base = new PaperEnvironment(simulator, WORLD.items(), users, encoding, true);
    PaperEnvironment run = (PaperEnvironment) base.forRun();
    PaperEnvironment other = (PaperEnvironment) base.forRun();
    assertThat(run).isNotSameAs(base).isNotSameAs(other);
    int[] before = run.history(0);
    assertThat(before).containsExactly(simulator.history(0));
    DecisionContext first = run.context(0, "e0", 1, DecisionContext.UNLIMITED, Seeds.random(1));
    float[] z0 = first.userEmbedding();

    RandomGenerator random = Seeds.random(3);
    int clicked = -1;
    for (int i = 0; i < 90 && clicked < 0; i++) {
      int item = i;
      if (IntStream.of(before).noneMatch(h -> h == item)
          && run.reward(0, first.candidates().get(i), random) > 0) {
        clicked = i;
      }
    }
    assertThat(clicked).isNotNegative();
    int[] after = run.history(0);
    assertThat(after).hasSize(before.length + 1).endsWith(clicked);
    float[] z1 =
        run.context(0, "e1", 1, DecisionContext.UNLIMITED, Seeds.random(2)).userEmbedding();
    assertThat(z1).containsExactly(encoding.user().apply(after));
    assertThat(z1).isNotEqualTo(z0);
    // A click on an item already in the history adds nothing.
    while (run.reward(0, first.candidates().get(clicked), random) == 0) {
      // draw until the (possibly flipped) reward is a click
    }
    assertThat(run.history(0)).containsExactly(after);

    // Other runs start from the real history; without the option, clicks change nothing.
    assertThat(other.history(0)).containsExactly(before);
    assertThat(
            other.context(0, "e0", 1, DecisionContext.UNLIMITED, Seeds.random(1)).userEmbedding())
        .containsExactly(z0);
    PaperEnvironment fixed = new PaperEnvironment(simulator, WORLD.items(), users, encoding);
    assertThat(fixed.forRun()).isSameAs(fixed);
    while (fixed.reward(0, first.candidates().get(clicked), random) == 0) {
      // draw until a click
    }
    assertThat(fixed.history(0)).containsExactly(before);
  }

  @Test
  void fitsFromSeveralThreadsInterleaveAndMatchSequentialFits() throws Exception {
    // Encoder refreshes fit from the policy runs' threads; DJL allows one gradient collector at a
    // time, so concurrent fits take turns step by step (GradientLock) rather than fail, and each
    // comes out as it would alone.
    TwoTowerEncoder encoder = new TwoTowerEncoder(8, 1, 4);
    float[][] alone5 = encoder.fit(WORLD, 5).items();
    float[][] alone6 = encoder.fit(WORLD, 6).items();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var a = pool.submit(() -> encoder.fit(WORLD, 5));
      var b = pool.submit(() -> encoder.fit(WORLD, 6));
      assertThat(a.get().items()).isDeepEqualTo(alone5);
      assertThat(b.get().items()).isDeepEqualTo(alone6);
    }
  }

  private static double maxDifference(float[][] a, float[][] b) {
    assertThat(b).hasNumberOfRows(a.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).hasSameSizeAs(a[i]);
      for (int f = 0; f < a[i].length; f++) {
        max = Math.max(max, Math.abs(a[i][f] - b[i][f]));
      }
    }
    return max;
  }

  private static Policy policy(String spec, BanditEnvironment environment) {
    return switch (spec) {
      case "random" -> new RandomPolicy();
      case "n-greedy" -> new NeuralGreedyPolicy();
      default -> throw new IllegalArgumentException(spec);
    };
  }
}
