package dev.nudge.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.simulation.world.BankingWorld;
import dev.nudge.simulation.world.WorldConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegretChartTest {
  @TempDir Path dir;

  @Test
  void writesPngAndSvgCurvesAndRejectsOtherFormats() throws IOException {
    BanditSimulator simulator =
        new BanditSimulator(new BankingWorld(WorldConfig.defaults().withSize(100, 5)), 1);
    List<SimulationResult> results =
        List.of(
            simulator.run(new RandomPolicy(), 500, 1, Progress.silent()),
            simulator.run(new EpsilonGreedyPolicy(0.1), 500, 1, Progress.silent()));

    Path png = dir.resolve("out/regret.png");
    RegretChart.write(results, "test", png);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

    Path svg = dir.resolve("regret.svg");
    RegretChart.write(results, "test", svg);
    String text = Files.readString(svg);
    assertThat(text.contains("<svg") && text.strip().endsWith("</svg>"))
        .as("an SVG document")
        .isTrue();

    assertThatThrownBy(() -> RegretChart.write(results, "test", dir.resolve("regret.gif")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(".png or .svg");
  }
}
