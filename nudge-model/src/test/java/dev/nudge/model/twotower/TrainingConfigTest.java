package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.core.config.Configs;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  @Test
  void readsTheBprLossTheSeenExclusionAndTheLogQWeight() {
    TrainingConfig t =
        Configs.parse(
            "loss: bpr\nnegatives: 4\nexcludeSeen: true\nlogQWeight: 0.25\nweightDecay: 0.5\n",
            TrainingConfig.class);
    assertThat(t.loss()).isEqualTo(TrainingConfig.Loss.BPR);
    assertThat(t.negatives()).isEqualTo(4);
    assertThat(t.excludeSeen()).isTrue();
    assertThat(t.logQWeight()).isEqualTo(0.25);
    assertThat(t.weightDecay()).isEqualTo(0.5);
    TrainingConfig d = TrainingConfig.defaults();
    assertThat(d.excludeSeen()).isFalse();
    assertThat(d.logQWeight()).isEqualTo(1.0);
    assertThat(d.weightDecay()).isZero();
    // Saved configs round-trip through YAML (a model directory's config.yaml).
    assertThat(Configs.parse(Configs.toYaml(t), TrainingConfig.class)).isEqualTo(t);
  }

  @Test
  void readsTheSoftmaxLossesByTheirLabels() {
    TrainingConfig s =
        Configs.parse("loss: sampledSoftmax\nnegatives: 256\n", TrainingConfig.class);
    assertThat(s.loss()).isEqualTo(TrainingConfig.Loss.SAMPLED_SOFTMAX);
    assertThat(s.negatives()).isEqualTo(256);
    assertThat(Configs.parse("loss: catalogueSoftmax\n", TrainingConfig.class).loss())
        .isEqualTo(TrainingConfig.Loss.CATALOGUE_SOFTMAX);
    // The label is what a saved config.yaml holds, and it reads back.
    assertThat(Configs.toYaml(s)).contains("sampledSoftmax");
    assertThat(Configs.parse(Configs.toYaml(s), TrainingConfig.class)).isEqualTo(s);
    assertThatThrownBy(() -> Configs.parse("loss: sampled\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("loss");
  }

  @Test
  void badValuesFailNamingTheField() {
    assertThatThrownBy(() -> Configs.parse("logQWeight: 1.5\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("logQWeight must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> Configs.parse("logQWeight: -0.1\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("logQWeight");
    assertThatThrownBy(() -> Configs.parse("weightDecay: -1\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("weightDecay must be >= 0");
    // A decay of lr * weightDecay >= 1 would zero or flip every weight in one step.
    assertThatThrownBy(
            () -> Configs.parse("learningRate: 0.1\nweightDecay: 10\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("weightDecay");
    assertThatThrownBy(() -> Configs.parse("loss: warp\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(
            "loss must be softmax, bce, bpr, sampledSoftmax or catalogueSoftmax, got 'warp'");
    assertThatThrownBy(() -> Configs.parse("excludeSeen: maybe\n", TrainingConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("excludeSeen");
  }
}
