package dev.nudge.simulation.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class UserChoiceSimulatorTest {

  /** Users like the items of "their" genre (user % genres); ratings elsewhere are low. */
  static Dataset tasteWorld(int users, int items, int genres, int ratingsPerUser, long seed) {
    FeatureTable.Builder features =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT);
    for (int i = 0; i < items; i++) {
      features.nextRow().add(Catalogue.TOPICS, "g" + (i % genres));
    }
    InteractionLog.Builder log = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    RandomGenerator random = Seeds.random(seed);
    for (int u = 0; u < users; u++) {
      Set<Integer> seen = new HashSet<>();
      for (int r = 0; r < ratingsPerUser; r++) {
        int item;
        do {
          item = random.nextInt(items);
        } while (!seen.add(item));
        boolean liked = item % genres == u % genres;
        log.add(u, item, 1_000_000L + random.nextInt(1_000_000), liked ? 5 : 2);
      }
    }
    return new Dataset(
        "taste",
        Catalogue.of(IdIndex.range(items), features.build()),
        UserTable.anonymous(IdIndex.range(users)),
        log.build());
  }

  @Test
  void bestF1ThresholdMatchesAHandComputedCase() {
    // Cuts: ≥0.9 → P=1, R=1/2, F1=2/3; ≥0.7 → P=1/2, R=1/2; ≥0.6 → P=2/3, R=1, F1=0.8; ≥0.2 →
    // 0.667.
    double[] best =
        UserChoiceSimulator.bestF1Threshold(
            new double[] {0.9, 0.7, 0.6, 0.2}, new byte[] {1, 0, 1, 0});
    assertThat(best[0]).isEqualTo(0.6);
    assertThat(best[1]).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void impressionsHoldOnePositiveAndTrueNegativesWithWeightsAveragingOne() {
    Dataset data = tasteWorld(30, 60, 3, 20, 1);
    Impressions imp = Impressions.build(data, 4, 5, 2);
    java.util.List<Set<Integer>> positives = new java.util.ArrayList<>();
    for (int u = 0; u < 30; u++) {
      positives.add(new HashSet<>());
    }
    InteractionLog log = data.interactions();
    for (int r = 0; r < log.size(); r++) {
      if (log.value(r) >= 4) {
        positives.get(log.user(r)).add(log.item(r));
      }
    }
    assertThat(imp.size()).isEqualTo(imp.impressions() * 6);
    for (int first = 0; first < imp.size(); first += 6) {
      assertThat(imp.label[first]).isEqualTo((byte) 1);
      double weights = 0;
      for (int k = first; k < first + 6; k++) {
        assertThat(imp.impression[k]).isEqualTo(imp.impression[first]);
        weights += imp.weight[k];
        if (k > first) {
          assertThat(imp.label[k]).isZero();
          // A negative is never an item the user rated positively.
          assertThat(positives.get(imp.user[k])).doesNotContain(imp.item[k]);
        }
      }
      assertThat(weights / 6).isCloseTo(1, within(1e-5));
    }
    // Time order, and a history holds only positives strictly before the impression.
    for (int k = 1; k < imp.size(); k++) {
      assertThat(imp.time[k]).isGreaterThanOrEqualTo(imp.time[k - 1]);
    }
    for (int k = 0; k < imp.size(); k += 6) {
      int[] history = imp.history(imp.user[k], imp.time[k], 100);
      for (int h : history) {
        assertThat(h % 3).isEqualTo(imp.user[k] % 3);
      }
      assertThat(history).doesNotContain(imp.item[k]);
    }
  }

  @Test
  void theSimulatorLearnsTastesAndIsDeterministic() {
    Dataset data = tasteWorld(60, 90, 3, 40, 3);
    UserChoiceSimulator.Config config = new UserChoiceSimulator.Config(4, 5, 0.7, 0.15, 0.1, 42);
    UserChoiceSimulator sim = UserChoiceSimulator.train(data, config, Progress.silent());
    // Unrated items of the user's genre are sampled as negatives, so the AUC cannot reach 1.
    assertThat(sim.report().testAuc()).isGreaterThan(0.8);
    int agree = 0;
    for (int u = 0; u < 60; u++) {
      for (int i = 0; i < 90; i++) {
        if (sim.likes(u, i) == (i % 3 == u % 3)) {
          agree++;
        }
      }
    }
    assertThat(agree / (60.0 * 90)).isGreaterThan(0.85);

    UserChoiceSimulator again = UserChoiceSimulator.train(data, config, Progress.silent());
    assertThat(again.report()).isEqualTo(sim.report());
    assertThat(again.probability(7, 11)).isEqualTo(sim.probability(7, 11));
  }

  @Test
  void rewardsAreFlippedAtTheConfiguredRate() {
    Dataset data = tasteWorld(40, 60, 3, 30, 5);
    UserChoiceSimulator sim =
        UserChoiceSimulator.train(
            data, new UserChoiceSimulator.Config(4, 5, 0.7, 0.15, 0.1, 1), Progress.silent());
    RandomGenerator random = Seeds.random(9);
    int flips = 0;
    int n = 20_000;
    for (int s = 0; s < n; s++) {
      int u = random.nextInt(40);
      int i = random.nextInt(60);
      if (sim.reward(u, i, random) != (sim.likes(u, i) ? 1 : 0)) {
        flips++;
      }
      assertThat(sim.expectedReward(u, i)).isEqualTo(sim.likes(u, i) ? 0.9 : 0.1);
    }
    assertThat(flips / (double) n).isCloseTo(0.1, within(0.01));
  }

  @Test
  void badConfigurationsAreRejected() {
    assertThatThrownBy(() -> new UserChoiceSimulator.Config(4, 0, 0.8, 0.1, 0.1, 1))
        .hasMessageContaining("negatives");
    assertThatThrownBy(() -> new UserChoiceSimulator.Config(4, 20, 0.9, 0.1, 0.1, 1))
        .hasMessageContaining("trainShare");
    assertThatThrownBy(() -> new UserChoiceSimulator.Config(4, 20, 0.8, 0.1, 0.5, 1))
        .hasMessageContaining("flipProbability");
  }
}
