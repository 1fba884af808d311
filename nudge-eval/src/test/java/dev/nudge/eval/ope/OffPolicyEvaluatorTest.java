package dev.nudge.eval.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.mab.RandomPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffPolicyEvaluatorTest {
  private static final OffPolicyEvaluator.Config NO_CI =
      new OffPolicyEvaluator.Config(0, 0.95, 1, 7);

  @Test
  void estimatorsMatchAHandComputedLog() {
    LinearWorld world = new LinearWorld(2, 1, 1);
    // Target: always arm 1. Round 0 logged arm 1 (p = 0.5, r = 1), round 1 arm 0 (p = 0.25, r = 1),
    // round 2 arm 1 (p = 0.8, r = 0).
    List<LoggedRound> rounds =
        List.of(
            new LoggedRound(world.context("a", new double[] {1}), 1, 0.5, 1),
            new LoggedRound(world.context("b", new double[] {1}), 0, 0.25, 1),
            new LoggedRound(world.context("c", new double[] {1}), 1, 0.8, 0));
    TargetPolicy alwaysOne = TargetPolicy.fixed("always-1", new double[] {0, 1});
    // Reward model: arm means without shrinkage: arm 0 → 1, arm 1 → 0.5.
    OpeReport report =
        new OffPolicyEvaluator(NO_CI).evaluate(rounds, alwaysOne, ArmMeanRewardModel.fitter(0));

    double w0 = 1 / 0.5;
    double w2 = 1 / 0.8;
    assertThat(report.estimate("ips").value()).isCloseTo((w0 * 1 + 0 + w2 * 0) / 3, within(1e-12));
    assertThat(report.estimate("snips").value()).isCloseTo(w0 / (w0 + w2), within(1e-12));
    assertThat(report.estimate("dm").value()).isCloseTo(0.5, within(1e-12));
    double dr = (0.5 + w0 * (1 - 0.5) + 0.5 + 0 + 0.5 + w2 * (0 - 0.5)) / 3;
    assertThat(report.estimate("dr").value()).isCloseTo(dr, within(1e-12));
    // Replay keeps rounds 0 and 2, where the (deterministic) target matches the log.
    assertThat(report.estimate("replay").value()).isCloseTo(0.5, within(1e-12));
    assertThat(report.estimate("replay").rounds()).isEqualTo(2);
    assertThat(report.effectiveSampleSize())
        .isCloseTo((w0 + w2) * (w0 + w2) / (w0 * w0 + w2 * w2), within(1e-12));
    assertThat(report.loggedValue()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void unbiasedEstimatorsRecoverTheTruthFromUniformLogs() {
    LinearWorld world = new LinearWorld(5, 4, 11);
    List<LoggedRound> rounds = world.log(20_000, Double.POSITIVE_INFINITY, 12);
    TargetPolicy oracle = TargetPolicy.sampling(world.oracle(), 1, 3);
    double truth = world.trueValue(rounds, oracle);

    OpeReport report =
        new OffPolicyEvaluator(new OffPolicyEvaluator.Config(200, 0.95, 2, 5))
            .evaluate(rounds, oracle, RidgeRewardModel.fitter(1));

    assertThat(truth).isGreaterThan(report.loggedValue() * 1.5);
    for (String name : List.of("ips", "snips", "dr", "replay")) {
      Estimate e = report.estimate(name);
      assertThat(Math.abs(e.relativeError(truth))).as(name + " " + e).isLessThan(0.05);
      assertThat(e.covers(truth)).as(name + " interval " + e + " covers " + truth).isTrue();
    }
  }

  @Test
  void doublyRobustStaysAccurateUnderSkewedLogging() {
    LinearWorld world = new LinearWorld(5, 4, 21);
    List<LoggedRound> rounds = world.log(20_000, 0.1, 22);
    TargetPolicy oracle = TargetPolicy.sampling(world.oracle(), 1, 3);
    double truth = world.trueValue(rounds, oracle);

    OpeReport report =
        new OffPolicyEvaluator(NO_CI).evaluate(rounds, oracle, RidgeRewardModel.fitter(1));

    assertThat(Math.abs(report.estimate("dr").relativeError(truth))).isLessThan(0.05);
    assertThat(Math.abs(report.estimate("ips").relativeError(truth))).isLessThan(0.10);
  }

  @Test
  void intervalsCoverTheTruthAtAboutTheirNominalRate() {
    LinearWorld world = new LinearWorld(4, 3, 31);
    TargetPolicy oracle = TargetPolicy.sampling(world.oracle(), 1, 3);
    int covered = 0;
    int trials = 40;
    for (int t = 0; t < trials; t++) {
      List<LoggedRound> rounds = world.log(1_000, Double.POSITIVE_INFINITY, 100 + t);
      double truth = world.trueValue(rounds, oracle);
      OpeReport report =
          new OffPolicyEvaluator(new OffPolicyEvaluator.Config(200, 0.90, 2, t))
              .evaluate(rounds, oracle, RidgeRewardModel.fitter(1));
      if (report.estimate("dr").covers(truth)) {
        covered++;
      }
    }
    // Nominal 90%: with 40 trials, fewer than 30 covered would be very unlikely if calibrated.
    assertThat(covered).isGreaterThanOrEqualTo(30);
  }

  @Test
  void aRandomTargetIsEstimatedFromItsSampledDistribution() {
    LinearWorld world = new LinearWorld(4, 3, 41);
    List<LoggedRound> rounds = world.log(5_000, 0.2, 42);
    TargetPolicy random = TargetPolicy.sampling(new RandomPolicy(), 400, 9);
    double[] pi = random.distribution(rounds.get(0).context());
    for (double p : pi) {
      assertThat(p).isCloseTo(0.25, within(0.08));
    }

    double truth =
        world.trueValue(rounds, TargetPolicy.fixed("uniform", new double[] {1, 1, 1, 1}));
    OpeReport report =
        new OffPolicyEvaluator(NO_CI).evaluate(rounds, random, ArmMeanRewardModel.fitter(1));
    assertThat(Math.abs(report.estimate("dr").relativeError(truth))).isLessThan(0.08);
  }

  @Test
  void badInputIsRejectedWithTheEvent() {
    LinearWorld world = new LinearWorld(2, 1, 1);
    assertThatThrownBy(() -> new LoggedRound(world.context("e7", new double[] {1}), 0, 0, 1))
        .hasMessageContaining("propensity")
        .hasMessageContaining("e7");
    assertThatThrownBy(() -> new LoggedRound(world.context("e8", new double[] {1}), 2, 0.5, 1))
        .hasMessageContaining("action")
        .hasMessageContaining("e8");
    assertThatThrownBy(
            () -> new LoggedRound(world.context("e9", new double[] {1}), 0, 0.5, Double.NaN))
        .hasMessageContaining("reward");
    assertThatThrownBy(
            () ->
                new OffPolicyEvaluator(NO_CI)
                    .evaluate(
                        List.of(),
                        TargetPolicy.fixed("x", new double[] {1}),
                        ArmMeanRewardModel.fitter(0)))
        .hasMessageContaining("no logged rounds");
    assertThatThrownBy(() -> new OffPolicyEvaluator.Config(10, 1.5, 1, 0))
        .hasMessageContaining("confidence");
    assertThatThrownBy(() -> TargetPolicy.fixed("neg", new double[] {-1}))
        .hasMessageContaining("arm 0");
  }
}
