package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training with the sampled and the catalogue softmax, end to end on a small synthetic world. */
class SoftmaxTrainingTest {
  private static final SyntheticData.World WORLD = SyntheticData.world(300, 200, 5, 20, 7);

  private static TwoTowerConfig config(TrainingConfig.Loss loss, int negatives, boolean excl) {
    TowerConfig user = new TowerConfig(List.of(InputGroup.id(16)), List.of(), null, 0.0);
    TowerConfig item = new TowerConfig(List.of(InputGroup.id(16)), List.of(), null, 0.0);
    TrainingConfig training =
        new TrainingConfig(
            loss, negatives, false, 0.01, 128, 4, 2, null, 0.5, 5L, null, 0.0, excl, null, null);
    return new TwoTowerConfig(user, item, 16, true, 0.1, training);
  }

  private static TwoTowerTrainer.Result train(TwoTowerConfig c) {
    return TwoTowerTrainer.train(WORLD.data(), WORLD.train(), c, null, Progress.silent());
  }

  @Test
  void sampledSoftmaxLearnsTasteGroupsAndIsReproducible() {
    TwoTowerConfig c = config(TrainingConfig.Loss.SAMPLED_SOFTMAX, 32, true);
    TwoTowerTrainer.Result r = train(c);
    List<Double> losses = r.report().losses();
    // An untrained model's loss is near log(33) = 3.5; learning must bring it well below.
    assertThat(losses.get(0)).isLessThan(Math.log(33) + 0.5);
    assertThat(losses.get(3)).isLessThan(losses.get(0)).isLessThan(3.0);
    // Items of the user's group hold 90% of the test mass; a random ranking gives about 0.054.
    assertThat(TwoTowerTrainerTest.hitRate(r.model(), WORLD)).isGreaterThan(0.15);
    assertThat(train(c).model().itemEmbeddings()).isDeepEqualTo(r.model().itemEmbeddings());
  }

  @Test
  void sampledSoftmaxWithUniformNegativesLearnsToo() {
    TwoTowerTrainer.Result r = train(config(TrainingConfig.Loss.SAMPLED_SOFTMAX, 16, false));
    assertThat(r.report().losses().get(3)).isLessThan(r.report().losses().get(0));
    assertThat(TwoTowerTrainerTest.hitRate(r.model(), WORLD)).isGreaterThan(0.15);
  }

  @Test
  void catalogueSoftmaxLearnsTasteGroupsAndIsReproducible() {
    TwoTowerConfig c = config(TrainingConfig.Loss.CATALOGUE_SOFTMAX, 4, false);
    TwoTowerTrainer.Result r = train(c);
    List<Double> losses = r.report().losses();
    // Untrained: log of about 200 - 20 unmasked items, 5.2. Perfect taste-group knowledge leaves
    // the loss near log(40 items of the group) = 3.7, so learning ends well below 5.
    assertThat(losses.get(0)).isLessThan(Math.log(200) + 0.5);
    assertThat(losses.get(3)).isLessThan(losses.get(0)).isLessThan(5.0);
    assertThat(TwoTowerTrainerTest.hitRate(r.model(), WORLD)).isGreaterThan(0.15);
    assertThat(train(c).model().itemEmbeddings()).isDeepEqualTo(r.model().itemEmbeddings());
  }

  @Test
  void catalogueSoftmaxRefusesALargeCatalogueNamingTheField() {
    int items = TrainingConfig.CATALOGUE_SOFTMAX_MAX_ITEMS + 1;
    SyntheticData.World big = SyntheticData.world(20, items, 1, 1, 3);
    TwoTowerConfig c = config(TrainingConfig.Loss.CATALOGUE_SOFTMAX, 4, false);
    assertThatThrownBy(
            () -> TwoTowerTrainer.train(big.data(), big.train(), c, null, Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("train.training.loss")
        .hasMessageContaining("50000")
        .hasMessageContaining(String.valueOf(items));
  }
}
