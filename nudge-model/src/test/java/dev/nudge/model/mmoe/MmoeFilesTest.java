package dev.nudge.model.mmoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.model.ModelDirectory;
import dev.nudge.model.ModelProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmoeFilesTest {

  static MmoeModel small() {
    float[][] x = new float[300][];
    float[][] y = new float[300][];
    MmoeModelTest.data(5, 300, x, y);
    return MmoeModel.train(
        List.of("a", "b"), x, y, new MmoeConfig(2, 8, 4, 2, 64, 0.01f, 7), Progress.silent());
  }

  static ModelProvenance provenance() {
    return new ModelProvenance(
        "synthetic", "none", 0, 10, 300, 7, 2, 2, Map.of("auc.a", 0.9), "2026-11-23T00:00:00Z");
  }

  @Test
  void roundTripGivesTheSamePredictions(@TempDir Path dir) {
    float[][] xt = new float[50][];
    float[][] yt = new float[50][];
    MmoeModelTest.data(6, 50, xt, yt);
    try (MmoeModel model = small()) {
      MmoeFiles.save(model, provenance(), dir);
      try (MmoeModel back = MmoeFiles.load(dir)) {
        assertThat(back.tasks()).containsExactly("a", "b");
        assertThat(back.inputDimension()).isEqualTo(6);
        assertThat(back.config()).isEqualTo(model.config());
        float[][] want = model.predict(xt);
        float[][] got = back.predict(xt);
        for (int r = 0; r < want.length; r++) {
          assertThat(got[r]).containsExactly(want[r]);
        }
      }
    }
    ModelDirectory.Contents c = ModelDirectory.read(dir, MmoeFiles.FORMAT, MmoeFiles.VERSION);
    assertThat(c.manifest().provenance()).isEqualTo(provenance());
  }

  @Test
  void corruptedParametersFailWithTheirChecksum(@TempDir Path dir) throws IOException {
    try (MmoeModel model = small()) {
      MmoeFiles.save(model, provenance(), dir);
    }
    Path params = dir.resolve("params.bin");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(params, bytes);
    assertThatThrownBy(() -> MmoeFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("params.bin")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void parametersThatDoNotFitTheConfigAreRejected(@TempDir Path dir) throws IOException {
    try (MmoeModel model = small()) {
      MmoeFiles.save(model, provenance(), dir);
    }
    // A consistent directory (checksums rewritten) whose config asks for wider experts.
    String config = Files.readString(dir.resolve("config.yaml"));
    ModelDirectory.write(
        dir,
        MmoeFiles.FORMAT,
        MmoeFiles.VERSION,
        provenance(),
        Map.of(
            "config.yaml",
            config.replace("expertUnits: 8", "expertUnits: 9").getBytes(StandardCharsets.UTF_8),
            "tasks.txt",
            Files.readAllBytes(dir.resolve("tasks.txt")),
            "params.bin",
            Files.readAllBytes(dir.resolve("params.bin"))));
    assertThat(config).contains("expertUnits: 8");
    assertThatThrownBy(() -> MmoeFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("params.bin")
        .hasMessageContaining("do not fit");
    Files.writeString(dir.resolve("tasks.txt"), "a\nb\n");
    ModelDirectory.write(
        dir,
        MmoeFiles.FORMAT,
        MmoeFiles.VERSION,
        provenance(),
        Map.of(
            "config.yaml",
            config.getBytes(StandardCharsets.UTF_8),
            "tasks.txt",
            "a\nb\n".getBytes(StandardCharsets.UTF_8),
            "params.bin",
            Files.readAllBytes(dir.resolve("params.bin"))));
    assertThatThrownBy(() -> MmoeFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("tasks.txt")
        .hasMessageContaining("input-dim=");
  }

  @Test
  void anotherModelKindIsRejected(@TempDir Path dir) {
    ModelDirectory.write(dir, "nudge.two-tower", 1, provenance(), Map.of());
    assertThatThrownBy(() -> MmoeFiles.load(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("expected 'nudge.mmoe'");
  }
}
