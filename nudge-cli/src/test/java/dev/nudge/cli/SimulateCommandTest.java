package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  private static final Path ML100K =
      Path.of(System.getProperty("nudge.data.dir", "../shared/data")).resolve("ml-100k");

  @TempDir Path dir;

  @Test
  void runsThePaperProtocolOnMovieLensAndWritesARunFolder() throws Exception {
    Path config = dir.resolve("sim.yaml");
    Files.writeString(
        config,
        """
        simulate:
          name: cli-test
          trials: 2
          usersPerTrial: 10
          rounds: 150
          slateSize: 3
          encoderUpdatePeriod: 60
          policies: [random, "linucb(alpha=0.5, features=embedding)"]
        simulator:
          data: %s
        """
            .formatted(ML100K.toAbsolutePath()));
    ConfigCommandTest.Run run =
        ConfigCommandTest.run("simulate", "--config", config.toString(), "--out", dir.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("| random |")
        .contains("| linucb(alpha=0.5, features=embedding) |")
        .contains("test AUC")
        .contains("re-fitted every 60 rounds");
    Path folder;
    try (Stream<Path> runs = Files.list(dir)) {
      folder =
          runs.filter(p -> p.getFileName().toString().startsWith("cli-test-"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(folder.resolve("report.html")).isNotEmptyFile();
    assertThat(Files.readString(folder.resolve("config.yaml")))
        .contains("usersPerTrial: 10")
        .contains("encoderUpdatePeriod: 60")
        .contains("flipProbability: 0.1");
    // The report command rewrites the page from the folder alone.
    Files.delete(folder.resolve("report.html"));
    assertThat(ConfigCommandTest.run("report", folder.toString()).code()).isZero();
    assertThat(folder.resolve("report.html")).isNotEmptyFile();
  }

  @Test
  void badConfigurationsNameTheKey() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "simulate:\n  rounds: 0\n");
    ConfigCommandTest.Run run = ConfigCommandTest.run("simulate", "--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("simulate").contains("rounds");

    Files.writeString(
        config,
        "simulate:\n  policies: [\"no-such-policy\"]\nsimulator:\n  data: %s\n"
            .formatted(ML100K.toAbsolutePath()));
    run = ConfigCommandTest.run("simulate", "--config", config.toString(), "--out", dir.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no-such-policy");

    Files.writeString(config, "simulate:\n  encoderUpdatePeriod: -1\n");
    run = ConfigCommandTest.run("simulate", "--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("encoderUpdatePeriod").contains("-1");

    Files.writeString(config, "simulator:\n  encoderAlignment: affine\n");
    run = ConfigCommandTest.run("simulate", "--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("encoderAlignment").contains("affine").contains("procrustes");

    Files.writeString(config, "simulator:\n  encoder: magic\n");
    run = ConfigCommandTest.run("simulate", "--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("simulator.encoder").contains("magic").contains("two-tower");

    Files.writeString(config, "simulator:\n  encoder: two-tower\n  encoderEpochs: -1\n");
    run = ConfigCommandTest.run("simulate", "--config", config.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("encoderEpochs").contains("-1");
  }
}
