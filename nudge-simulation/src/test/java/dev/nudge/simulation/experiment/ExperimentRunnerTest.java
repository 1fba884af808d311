package dev.nudge.simulation.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

  /** Twenty arms; arm k clicks with probability 0.02 + 0.03·k, for every user. */
  static final class FixedRates implements BanditEnvironment {
    final List<Arm> arms = new ArrayList<>();

    FixedRates() {
      for (int k = 0; k < 20; k++) {
        arms.add(Arm.of("arm" + k, k));
      }
    }

    @Override
    public int users() {
      return 10;
    }

    @Override
    public DecisionContext context(
        int user, String eventId, int slateSize, int budget, RandomGenerator random) {
      return new DecisionContext(eventId, user, null, null, arms, slateSize, budget, random);
    }

    @Override
    public double reward(int user, Arm arm, RandomGenerator random) {
      return random.nextDouble() < 0.02 + 0.03 * arm.key() ? 1 : 0;
    }

    @Override
    public double optimalSlotReward(int user) {
      // The best slate of three holds arms 17, 18 and 19: 0.02 + 0.03 · 18 per slot on average.
      return 0.02 + 0.03 * 17 + 0.03;
    }
  }

  static Policy create(String spec, BanditEnvironment environment) {
    return switch (spec) {
      case "random" -> new RandomPolicy();
      case "epsilon-greedy" -> new EpsilonGreedyPolicy(0.1);
      default -> throw new IllegalArgumentException("unknown policy '" + spec + "'");
    };
  }

  static ExperimentConfig config(int threads) {
    return new ExperimentConfig(
        "toy", 5L, 3, 10, 1500, 3, 0, threads, List.of("random", "epsilon-greedy"));
  }

  static ExperimentResult run(int threads) {
    return new ExperimentRunner()
        .run(
            config(threads),
            (trial, seed) -> new FixedRates(),
            ExperimentRunnerTest::create,
            "fixed rates",
            Progress.silent());
  }

  @Test
  void learningBeatsRandomAndRegretIsConsistent() {
    ExperimentResult result = run(2);
    List<ExperimentResult.Summary> s = result.summaries();
    assertThat(s)
        .extracting(ExperimentResult.Summary::policy)
        .containsExactly("random", "epsilon-greedy");
    // Random earns about the mean rate 0.305 per slot; ε-greedy should approach the best arms.
    assertThat(s.get(0).ctrMean()).isBetween(0.25 * 1500, 0.36 * 1500);
    assertThat(s.get(1).ctrMean()).isGreaterThan(1.5 * s.get(0).ctrMean());
    assertThat(s.get(1).regretMean()).isLessThan(s.get(0).regretMean());
    for (PolicyRun r : result.runs()) {
      // regret_t = optimal·t − ctr_t exactly, by construction of the environment.
      assertThat(r.finalRegret())
          .isCloseTo(0.56 * 1500 - r.finalCtr(), org.assertj.core.api.Assertions.within(1e-6));
      for (int t = 1; t < 1500; t++) {
        assertThat(r.cumulativeCtr()[t]).isGreaterThanOrEqualTo(r.cumulativeCtr()[t - 1]);
      }
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    ExperimentResult one = run(1);
    ExperimentResult two = run(2);
    for (int i = 0; i < one.runs().size(); i++) {
      assertThat(one.runs().get(i).cumulativeCtr()).isEqualTo(two.runs().get(i).cumulativeCtr());
    }
  }

  @Test
  void aRunFolderHoldsTablesPlotsAndAReport(@TempDir Path dir) throws Exception {
    ExperimentResult result = run(2);
    Path folder = RunFolder.write(dir.resolve("run"), result, "simulate:\n  name: toy\n");
    for (String f :
        List.of(
            "config.yaml",
            "summary.md",
            "summary.csv",
            "runs.csv",
            "curves.json",
            "cumulative-ctr.png",
            "cumulative-ctr.svg",
            "regret.png",
            "regret.svg")) {
      assertThat(folder.resolve(f)).isNotEmptyFile();
    }
    assertThat(Files.readString(folder.resolve("summary.md")))
        .contains("| epsilon-greedy |")
        .contains("lift over random");
    assertThat(Files.readAllLines(folder.resolve("runs.csv"))).hasSize(1 + 3 * 2);
    byte[] png = Files.readAllBytes(folder.resolve("cumulative-ctr.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');

    Path html = HtmlReport.write(folder);
    assertThat(Files.readString(html))
        .contains("<table>")
        .contains("<td>epsilon-greedy</td>")
        .contains("data:image/png;base64,")
        .contains("name: toy");
  }

  @Test
  void badConfigurationsAndFoldersGetClearErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> new ExperimentConfig("x", 1L, 0, 1, 1, 1, 0, 0, null))
        .hasMessageContaining("trials");
    assertThatThrownBy(() -> new ExperimentConfig("x", 1L, 1, 1, 1, 1, -1, 0, null))
        .hasMessageContaining("budgetPerSlot");
    assertThatThrownBy(() -> new ExperimentConfig("a/b", 1L, 1, 1, 1, 1, 0, 0, null))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> new ExperimentConfig("x", 1L, 1, 1, 1, 1, 0, 0, List.of()))
        .hasMessageContaining("policies");
    assertThatThrownBy(
            () ->
                new ExperimentRunner()
                    .run(
                        new ExperimentConfig("x", 1L, 1, 1, 10, 1, 0, 1, List.of("nope")),
                        (t, s) -> new FixedRates(),
                        ExperimentRunnerTest::create,
                        "",
                        Progress.silent()))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> config(1).withEncoderUpdatePeriod(-1))
        .hasMessageContaining("encoderUpdatePeriod must be >= 0 (0 = never), got -1");
    assertThat(config(1).encoderUpdatePeriod()).isZero();
    // A world without an encoder cannot re-fit one: said before any round runs.
    assertThatThrownBy(
            () ->
                new ExperimentRunner()
                    .run(
                        config(1).withEncoderUpdatePeriod(100),
                        (t, s) -> new FixedRates(),
                        ExperimentRunnerTest::create,
                        "fixed rates",
                        Progress.silent()))
        .hasMessageContaining("encoderUpdatePeriod is 100")
        .hasMessageContaining("fixed rates")
        .hasMessageContaining("no encoder");
    assertThatThrownBy(() -> new FixedRates().refreshEncoder(1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> HtmlReport.write(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not a run folder");
  }
}
