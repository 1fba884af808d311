package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartCommandTest {
  private static final Pattern ROW =
      Pattern.compile(
          "(?m)^(random|epsilon-greedy\\S*|beta-thompson.*?\\)|linucb.*?\\)|s-n-gblm-ucb.*?\\))\\s+([\\d,]+)\\s+([\\d,]+)\\s+"
              + "([\\d.]+)%\\s+([\\d,.]+)\\s+([\\d.]+)\\s+(baseline|[+-][\\d.]+%)\\s+[\\d.]+ s$");

  @TempDir Path dir;

  @Test
  void printsOneRowPerPolicyAndLearningPoliciesBeatRandom() {
    ConfigCommandTest.Run run = ConfigCommandTest.run("quickstart", "--rounds", "4000");
    assertThat(run.code()).as(run.err()).isZero();
    Matcher m = ROW.matcher(run.out());
    int rows = 0;
    double randomCtr = -1;
    while (m.find()) {
      rows++;
      assertThat(m.group(2)).isEqualTo("4,000");
      double ctr = Double.parseDouble(m.group(4));
      if (m.group(1).equals("random")) {
        randomCtr = ctr;
        assertThat(m.group(7)).isEqualTo("baseline");
      } else {
        assertThat(ctr).as(m.group(1)).isGreaterThan(randomCtr);
        assertThat(m.group(7)).as(m.group(1)).startsWith("+");
      }
    }
    assertThat(rows).as(run.out()).isEqualTo(5);
    assertThat(run.out()).contains("16-d embeddings of the hidden model with noise 0.20");
    assertThat(run.out()).contains("oracle").contains("savings-goal");
    assertThat(run.out())
        .contains("./nudge serve --port 8080")
        .contains("localhost:8080/v1/decide")
        .contains("localhost:8080/v1/events/e1/reward");
  }

  @Test
  void theSeedAndTheConfigChangeTheWorld() throws IOException {
    Path config = dir.resolve("small.yaml");
    Files.writeString(config, "world:\n  nudges: 8\nquickstart:\n  rounds: 500\n");
    ConfigCommandTest.Run a = ConfigCommandTest.run("quickstart", "--config", config.toString());
    Path chart = dir.resolve("charts/regret.png");
    ConfigCommandTest.Run b =
        ConfigCommandTest.run(
            "quickstart", "--config", config.toString(), "--seed", "3", "--plot", chart.toString());
    assertThat(a.code()).isZero();
    assertThat(a.out()).contains("8 nudges").contains(" 500 ");
    assertThat(b.out()).contains("(seed 3)").contains("Regret curves: " + chart);
    byte[] png = Files.readAllBytes(chart);
    assertThat(png).hasSizeGreaterThan(1000);
    assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    assertThat(clicks(a.out())).isNotEqualTo(clicks(b.out()));
  }

  @Test
  void badOptionsAndConfigsFailNamingTheKey() throws IOException {
    ConfigCommandTest.Run zero = ConfigCommandTest.run("quickstart", "--rounds", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("'--rounds'").contains("rounds must be in 1..");

    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "world:\n  nudges: 3\nquickstart:\n  slateSize: 4\n");
    ConfigCommandTest.Run slate =
        ConfigCommandTest.run("quickstart", "--config", config.toString());
    assertThat(slate.code()).isEqualTo(2);
    assertThat(slate.err()).contains("'quickstart.slateSize'").contains("at most world.nudges (3)");

    ConfigCommandTest.Run plot =
        ConfigCommandTest.run("quickstart", "--rounds", "10", "--plot", "regret.gif");
    assertThat(plot.code()).isEqualTo(2);
    assertThat(plot.err()).contains("regret.gif").contains(".png or .svg");

    Files.writeString(config, "world:\n  drift: -1\n");
    ConfigCommandTest.Run drift =
        ConfigCommandTest.run("quickstart", "--config", config.toString());
    assertThat(drift.code()).isEqualTo(2);
    assertThat(drift.err())
        .contains("'world.drift'")
        .contains("drift must be in [0, 1000], got -1.0");

    Files.writeString(config, "quickstart:\n  embeddingNoise: -0.5\n");
    ConfigCommandTest.Run noise =
        ConfigCommandTest.run("quickstart", "--config", config.toString());
    assertThat(noise.code()).isEqualTo(2);
    assertThat(noise.err())
        .contains("'quickstart.embeddingNoise'")
        .contains("embeddingNoise must be in [0, 10.0], got -0.5");
  }

  private static String clicks(String out) {
    Matcher m = ROW.matcher(out);
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      s.append(m.group(3)).append(' ');
    }
    return s.toString();
  }
}
