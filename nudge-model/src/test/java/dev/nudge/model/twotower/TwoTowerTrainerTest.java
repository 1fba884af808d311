package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.data.InteractionLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class TwoTowerTrainerTest {
  private static final SyntheticData.World WORLD = SyntheticData.world(300, 200, 5, 20, 7);

  private static TwoTowerConfig config(TrainingConfig.Loss loss, boolean hard, int epochs) {
    TowerConfig user =
        new TowerConfig(
            List.of(
                InputGroup.id(16),
                InputGroup.history(16, 10),
                InputGroup.categorical("segment", 4)),
            List.of(32),
            TowerConfig.Activation.RELU,
            0.0);
    TowerConfig item =
        new TowerConfig(
            List.of(InputGroup.id(16), InputGroup.text("topics", 4, 32, 2)),
            List.of(32),
            TowerConfig.Activation.GELU,
            0.0);
    TrainingConfig training =
        new TrainingConfig(loss, 4, hard, 0.01, 128, epochs, 2, null, 0.5, 5L, null);
    return new TwoTowerConfig(user, item, 16, false, null, training);
  }

  /** Leave-one-out HR@10 over unseen items, computed directly. */
  static double hitRate(TwoTowerModel model, SyntheticData.World w) {
    float[] s = new float[model.itemCount()];
    int hits = 0;
    List<Set<Integer>> seen = new ArrayList<>();
    for (int u = 0; u < model.userCount(); u++) {
      seen.add(new HashSet<>());
    }
    for (int r = 0; r < w.train().size(); r++) {
      seen.get(w.train().user(r)).add(w.train().item(r));
    }
    InteractionLog test = w.test();
    int lists = 0;
    for (int r = 0; r < test.size(); r++) {
      int u = test.user(r);
      int target = test.item(r);
      if (seen.get(u).contains(target)) {
        continue;
      }
      lists++;
      model.score(u, s);
      int above = 0;
      for (int i = 0; i < s.length; i++) {
        if (i != target && !seen.get(u).contains(i) && s[i] >= s[target]) {
          above++;
        }
      }
      if (above < 10) {
        hits++;
      }
    }
    return (double) hits / lists;
  }

  @Test
  void softmaxTrainingLearnsTasteGroupsFarAboveChance() {
    TwoTowerTrainer.Result r =
        TwoTowerTrainer.train(
            WORLD.data(),
            WORLD.train(),
            config(TrainingConfig.Loss.SOFTMAX, false, 8),
            null,
            Progress.silent());
    // Items of the user's group hold 90% of the test mass: 40 per group, so HR@10 near 0.25.
    // A random ranking of ~185 unseen items gives about 0.054.
    assertThat(hitRate(r.model(), WORLD)).isGreaterThan(0.15);
    assertThat(r.report().losses().get(r.report().epochs() - 1))
        .isLessThan(r.report().losses().get(0));
    assertThat(r.report().examplesPerSecond()).isPositive();
  }

  @Test
  void bceWithHardNegativesLowersItsLoss() {
    TwoTowerTrainer.Result r =
        TwoTowerTrainer.train(
            WORLD.data(),
            WORLD.train(),
            config(TrainingConfig.Loss.BCE, true, 4),
            null,
            Progress.silent());
    List<Double> losses = r.report().losses();
    assertThat(losses.get(3)).isLessThan(losses.get(0));
    assertThat(hitRate(r.model(), WORLD)).isGreaterThan(0.1);
  }

  @Test
  void bprWithUnseenNegativesLearnsTasteGroups() {
    TwoTowerConfig c = config(TrainingConfig.Loss.BPR, false, 4);
    TrainingConfig t = c.training();
    TrainingConfig bpr =
        new TrainingConfig(
            t.loss(),
            4,
            false,
            t.learningRate(),
            t.batchSize(),
            t.epochs(),
            t.patience(),
            null,
            t.positiveThreshold(),
            t.seed(),
            t.threads(),
            0.0,
            true,
            null,
            null);
    TwoTowerTrainer.Result r =
        TwoTowerTrainer.train(
            WORLD.data(), WORLD.train(), c.withTraining(bpr), null, Progress.silent());
    List<Double> losses = r.report().losses();
    assertThat(losses.get(3)).isLessThan(losses.get(0));
    // softplus(0) = log 2 is the loss of an untrained model; learning must go well below it.
    assertThat(losses.get(3)).isLessThan(0.6);
    assertThat(hitRate(r.model(), WORLD)).isGreaterThan(0.15);
  }

  @Test
  void logQWeightZeroIsAnotherLossThanTheCorrectedOne() {
    TwoTowerConfig c = config(TrainingConfig.Loss.SOFTMAX, false, 1);
    TrainingConfig t = c.training();
    TrainingConfig plain =
        new TrainingConfig(
            t.loss(),
            t.negatives(),
            false,
            t.learningRate(),
            t.batchSize(),
            1,
            t.patience(),
            null,
            t.positiveThreshold(),
            t.seed(),
            t.threads(),
            0.0,
            false,
            0.0,
            null);
    float[][] corrected =
        TwoTowerTrainer.train(WORLD.data(), WORLD.train(), c, null, Progress.silent())
            .model()
            .itemEmbeddings();
    TwoTowerTrainer.Result r =
        TwoTowerTrainer.train(
            WORLD.data(), WORLD.train(), c.withTraining(plain), null, Progress.silent());
    assertThat(Arrays.deepEquals(corrected, r.model().itemEmbeddings())).isFalse();
    assertThat(r.report().losses().get(0)).isFinite();
  }

  @Test
  void trainingIsReproduciblePerSeed() {
    TwoTowerConfig c = config(TrainingConfig.Loss.SOFTMAX, false, 1);
    float[][] a =
        TwoTowerTrainer.train(WORLD.data(), WORLD.train(), c, null, Progress.silent())
            .model()
            .itemEmbeddings();
    float[][] b =
        TwoTowerTrainer.train(WORLD.data(), WORLD.train(), c, null, Progress.silent())
            .model()
            .itemEmbeddings();
    assertThat(a).isDeepEqualTo(b);
    float[][] other =
        TwoTowerTrainer.train(
                WORLD.data(),
                WORLD.train(),
                c.withTraining(c.training().withSeed(6)),
                null,
                Progress.silent())
            .model()
            .itemEmbeddings();
    assertThat(Arrays.deepEquals(a, other)).isFalse();
  }

  /**
   * Regression: DJL wraps a Java number in a temporary array that autograd saves for backward but
   * DJL frees at once, so a garbage collection during a step used to change (or NaN) the result.
   */
  @Test
  void trainingIsReproducibleWhileTheGarbageCollectorRuns() throws InterruptedException {
    for (TrainingConfig.Loss loss : TrainingConfig.Loss.values()) {
      TwoTowerConfig c = config(loss, true, 1);
      float[][] quiet =
          TwoTowerTrainer.train(WORLD.data(), WORLD.train(), c, null, Progress.silent())
              .model()
              .itemEmbeddings();
      AtomicBoolean done = new AtomicBoolean();
      Thread collector =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (!done.get()) {
                      System.gc();
                      LockSupport.parkNanos(2_000_000);
                    }
                  });
      float[][] collected;
      try {
        collected =
            TwoTowerTrainer.train(WORLD.data(), WORLD.train(), c, null, Progress.silent())
                .model()
                .itemEmbeddings();
      } finally {
        done.set(true);
        collector.join();
      }
      assertThat(collected).as("loss %s", loss).isDeepEqualTo(quiet);
    }
  }

  @Test
  void sameItemMaskHidesRepeatsOfARowsItem() {
    int[] items = {4, 7, 4};
    float[] offDiagonal = TwoTowerTrainer.sameItemMask(items, false);
    float[] all = TwoTowerTrainer.sameItemMask(items, true);
    float n = -1e9f;
    assertThat(offDiagonal).containsExactly(0, 0, n, 0, 0, 0, n, 0, 0);
    assertThat(all).containsExactly(n, 0, n, 0, n, 0, n, 0, n);
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() {
    double[] scores = {0.5, 0.4, 0.3, 0.9};
    int[] calls = {0};
    float[][][] seen = new float[4][][];
    TwoTowerTrainer.Result r =
        TwoTowerTrainer.train(
            WORLD.data(),
            WORLD.train(),
            config(TrainingConfig.Loss.SOFTMAX, false, 4),
            model -> {
              seen[calls[0]] = model.itemEmbeddings();
              return scores[calls[0]++];
            },
            Progress.silent());
    // Patience 2: epochs 2 and 3 do not beat epoch 1, so epoch 4 never runs.
    assertThat(calls[0]).isEqualTo(3);
    assertThat(r.report().bestEpoch()).isEqualTo(1);
    assertThat(r.report().validation()).containsExactly(0.5, 0.4, 0.3);
    assertThat(r.model().itemEmbeddings()).isDeepEqualTo(seen[0]);
  }

  @Test
  void rejectsTooFewPositivesAndUnknownFeatures() {
    TwoTowerConfig big =
        config(TrainingConfig.Loss.SOFTMAX, false, 1)
            .withTraining(
                new TrainingConfig(null, null, null, null, 65536, 1, null, null, 0.5, 1L, null));
    assertThatThrownBy(
            () -> TwoTowerTrainer.train(WORLD.data(), WORLD.train(), big, null, Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("batchSize");
    TwoTowerConfig missing =
        new TwoTowerConfig(
            new TowerConfig(List.of(InputGroup.categorical("income", 4)), null, null, null),
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(
            () ->
                TwoTowerTrainer.train(
                    WORLD.data(), WORLD.train(), missing, null, Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no feature 'income'")
        .hasMessageContaining("segment");
  }
}
