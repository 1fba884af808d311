package dev.nudge.model.twotower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.core.config.Configs;
import dev.nudge.model.ModelDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoTowerFilesTest {
  private static TwoTowerModel model;

  @BeforeAll
  static void trainSmallModel() {
    SyntheticData.World w = SyntheticData.world(60, 40, 3, 8, 3);
    TowerConfig user =
        new TowerConfig(
            List.of(InputGroup.id(8), InputGroup.numeric("age"), InputGroup.history(8, 5)),
            List.of(16),
            TowerConfig.Activation.RELU,
            0.3);
    TowerConfig item =
        new TowerConfig(
            List.of(InputGroup.id(8), InputGroup.text("text", 4, 16, 4)), List.of(), null, null);
    TwoTowerConfig config =
        new TwoTowerConfig(
            user,
            item,
            8,
            true,
            0.2,
            new TrainingConfig(null, null, null, null, 64, 2, null, null, 0.5, 2L, null));
    TwoTowerModel trained =
        TwoTowerTrainer.train(w.data(), w.train(), config, null, Progress.silent()).model();
    model = trained.withProvenance(trained.provenance().withMetrics(Map.of("ndcg@10", 0.5)));
  }

  @Test
  void roundTripKeepsScoresEmbeddingsAndProvenance(@TempDir Path dir) throws IOException {
    TwoTowerFiles.save(model, dir);
    TwoTowerModel back = TwoTowerFiles.load(dir);
    assertThat(back.itemEmbeddings()).isDeepEqualTo(model.itemEmbeddings());
    for (int u = 0; u < model.userCount(); u += 7) {
      assertThat(back.userEmbedding(u)).containsExactly(model.userEmbedding(u));
    }
    assertThat(back.provenance()).isEqualTo(model.provenance());
    assertThat(back.provenance().metrics()).containsEntry("ndcg@10", 0.5);
    assertThat(back.config()).isEqualTo(model.config());
    assertThat(back.userKey("17")).isEqualTo(17);
    assertThat(back.itemKey("nope")).isEqualTo(-1);
    // The exported embedding file reads back without any Nudge code.
    ByteBuffer f =
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve("item-embeddings.f32")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(f.getInt()).isEqualTo(40);
    assertThat(f.getInt()).isEqualTo(8);
    assertThat(f.getFloat()).isEqualTo(model.itemEmbedding(0)[0]);
  }

  @Test
  void cosineEmbeddingsHaveUnitNormAndScoresUseTheTemperature() {
    float[] u = model.userEmbedding(3);
    double norm = 0;
    for (float v : u) {
      norm += v * v;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    float[] s = new float[model.itemCount()];
    model.score(3, s);
    float[] v = model.itemEmbedding(5);
    double dot = 0;
    for (int k = 0; k < u.length; k++) {
      dot += u[k] * v[k];
    }
    assertThat((double) s[5]).isCloseTo(dot / 0.2, org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void monteCarloDropoutSamplesVaryAroundTheDeterministicEmbedding() {
    float[][] samples = model.userEmbeddingSamples(4, 200, 9);
    assertThat(samples).hasNumberOfRows(200);
    long distinct =
        java.util.Arrays.stream(samples).map(java.util.Arrays::toString).distinct().count();
    assertThat(distinct).isGreaterThan(10);
    assertThat(model.userEmbeddingSamples(4, 200, 9)).isDeepEqualTo(samples);
    assertThatThrownBy(() -> model.userEmbeddingSamples(4, 0, 9)).hasMessageContaining("samples");
  }

  @Test
  void corruptedFileFailsWithItsChecksum(@TempDir Path dir) throws IOException {
    TwoTowerFiles.save(model, dir);
    byte[] w = Files.readAllBytes(dir.resolve("weights.bin"));
    w[w.length / 2] ^= 1;
    Files.write(dir.resolve("weights.bin"), w);
    assertThatThrownBy(() -> TwoTowerFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("weights.bin")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void otherFormatVersionAndMissingManifestFailClearly(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> TwoTowerFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("manifest.yaml is missing");
    TwoTowerFiles.save(model, dir);
    Path manifest = dir.resolve(ModelDirectory.MANIFEST);
    Files.writeString(
        manifest, Files.readString(manifest).replace("formatVersion: 1", "formatVersion: 2"));
    assertThatThrownBy(() -> TwoTowerFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("version is 2");
  }

  @Test
  void configThatDoesNotMatchTheWeightsFails(@TempDir Path dir) throws IOException {
    TwoTowerFiles.save(model, dir);
    TwoTowerConfig wider =
        new TwoTowerConfig(
            model.config().user(), model.config().item(), 9, true, 0.2, model.config().training());
    byte[] yaml = Configs.toYaml(wider).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(dir.resolve("config.yaml"), yaml);
    Path manifest = dir.resolve(ModelDirectory.MANIFEST);
    String text = Files.readString(manifest);
    String old =
        ModelDirectory.sha256(
            Configs.toYaml(model.config()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.writeString(manifest, text.replace(old, ModelDirectory.sha256(yaml)));
    assertThatThrownBy(() -> TwoTowerFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not match its config")
        .hasMessageContaining("config implies");
  }

  @Test
  void yamlConfigAcceptsLowerCaseNamesAndRejectsUnknownKeys() {
    TwoTowerConfig c =
        Configs.parse(
            """
            user:
              inputs:
                - {kind: id, dim: 16}
                - {kind: history, dim: 16, length: 30}
              hidden: [64, 32]
              activation: gelu
            item:
              inputs:
                - {kind: id}
                - {kind: text, feature: topics, buckets: 64, length: 4}
            outputDim: 24
            training: {loss: bce, negatives: 8, hardNegatives: true}
            """,
            TwoTowerConfig.class);
    assertThat(c.user().activation()).isEqualTo(TowerConfig.Activation.GELU);
    assertThat(c.user().inputs().get(1).length()).isEqualTo(30);
    assertThat(c.item().inputs().get(0).dim()).isEqualTo(32);
    assertThat(c.training().loss()).isEqualTo(TrainingConfig.Loss.BCE);
    assertThat(c.training().learningRate()).isEqualTo(0.001);
    assertThatThrownBy(() -> Configs.parse("outputDim: 8\nlr: 0.1\n", TwoTowerConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("lr");
    assertThatThrownBy(
            () -> Configs.parse("user: {inputs: [{kind: text}]}\n", TwoTowerConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("feature must name a column");
    assertThatThrownBy(
            () -> Configs.parse("item: {inputs: [{kind: history}]}\n", TwoTowerConfig.class))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("user tower");
  }
}
