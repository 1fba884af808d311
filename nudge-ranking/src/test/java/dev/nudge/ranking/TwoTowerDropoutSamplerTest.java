package dev.nudge.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.neural.NeuralDropoutUcbPolicy;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import dev.nudge.model.twotower.InputGroup;
import dev.nudge.model.twotower.TowerConfig;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.model.twotower.TwoTowerTrainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TwoTowerDropoutSamplerTest {
  private static TwoTowerModel model;
  private static List<Arm> arms;

  @BeforeAll
  static void trainTinyModel() {
    int users = 24;
    int items = 12;
    InteractionLog.Builder log = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    for (int u = 0; u < users; u++) {
      for (int j = 0; j < 4; j++) {
        // Users of group g (u % 3) like items of group g.
        log.add(u, (u % 3) + 3 * ((u + j) % 4), 1_000L * (u * 4 + j), 5);
      }
    }
    Dataset data =
        new Dataset(
            "tiny",
            Catalogue.anonymous(items),
            UserTable.anonymous(IdIndex.range(users)),
            log.build());
    TowerConfig user =
        new TowerConfig(List.of(InputGroup.id(8)), List.of(16), TowerConfig.Activation.RELU, 0.3);
    TowerConfig item = new TowerConfig(List.of(InputGroup.id(8)), List.of(), null, null);
    TwoTowerConfig config =
        new TwoTowerConfig(
            user,
            item,
            8,
            false,
            1.0,
            new TrainingConfig(null, null, null, null, 16, 2, null, null, 4.0, 5L, 1));
    model =
        TwoTowerTrainer.train(data, data.interactions(), config, null, Progress.silent()).model();
    arms = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      arms.add(
          new Arm(
              String.valueOf(i),
              i,
              model.itemEmbedding(model.itemKey(String.valueOf(i))),
              null,
              -1));
    }
  }

  private static DecisionContext context(int user, long seed) {
    return new DecisionContext(
        "e" + seed, user, null, null, arms, 3, DecisionContext.UNLIMITED, Seeds.random(seed));
  }

  @Test
  void scoresArePassesOfTheModelsOwnDropout() {
    TwoTowerDropoutSampler sampler = new TwoTowerDropoutSampler(model);
    int[] candidates = {0, 4, 7};
    double[][] scores = new double[5][3];
    sampler.sample(context(2, 1), candidates, 0.2, Seeds.random(42), scores);

    // Recomputed directly from the model's dropout samples with the same seed.
    float[][] z = model.userEmbeddingSamples(2, 5, Seeds.random(42).nextLong());
    for (int s = 0; s < 5; s++) {
      for (int k = 0; k < 3; k++) {
        float[] x = model.itemEmbedding(model.itemKey(String.valueOf(candidates[k])));
        double dot = 0;
        for (int f = 0; f < x.length; f++) {
          dot += z[s][f] * x[f];
        }
        assertThat(scores[s][k]).isCloseTo(dot, within(1e-9));
      }
    }
    // Dropout 0.3 on the hidden layer: for some user, the passes disagree.
    boolean differ = false;
    for (int u = 0; u < model.userCount() && !differ; u++) {
      double[][] pass = new double[5][3];
      sampler.sample(context(u, 1), candidates, 0.2, Seeds.random(u), pass);
      for (int s = 1; s < 5; s++) {
        differ |= pass[s][0] != pass[0][0] || pass[s][1] != pass[0][1];
      }
    }
    assertThat(differ).as(java.util.Arrays.deepToString(scores)).isTrue();
  }

  @Test
  void nDropoutUcbDecidesThroughTheModel() {
    NeuralDropoutUcbPolicy policy = NeuralDropoutUcbPolicy.paper(new TwoTowerDropoutSampler(model));
    Slate a = policy.decide(context(5, 9));
    Slate b = policy.decide(context(5, 9));
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.entries())
        .extracting(e -> e.arm().id())
        .isEqualTo(b.entries().stream().map(e -> e.arm().id()).toList());
  }

  @Test
  void unknownUsersAndItemsAreNamed() {
    TwoTowerDropoutSampler sampler = new TwoTowerDropoutSampler(model);
    assertThatThrownBy(
            () ->
                sampler.sample(
                    context(99, 1), new int[] {0}, 0.2, Seeds.random(1), new double[2][1]))
        .hasMessageContaining("user key 99");
    List<Arm> stranger = List.of(Arm.of("no-such-item", 0));
    DecisionContext c =
        new DecisionContext(
            "x", 1, null, null, stranger, 1, DecisionContext.UNLIMITED, Seeds.random(1));
    assertThatThrownBy(
            () -> sampler.sample(c, new int[] {0}, 0.2, Seeds.random(1), new double[2][1]))
        .hasMessageContaining("no-such-item");
  }
}
