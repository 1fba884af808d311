package dev.nudge.eval.ope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.load.DatasetFormats;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The Open Bandit Dataset check of the issue: estimate the Bernoulli-TS policy's value from the
 * uniform-random logs, and compare it with the value the TS policy actually earned in its own logs.
 */
class OpenBanditTest {
  private static final Path OBD =
      Path.of(System.getProperty("nudge.data.dir", "../shared/data")).resolve("obd-sample");

  /** IPS, SNIPS, DR per position, averaged over the three positions (equal traffic each). */
  static double[] estimateTsFromRandom(String campaign) {
    Dataset random = DatasetFormats.load(OBD.resolve("random").resolve(campaign), "obd");
    Dataset bts = DatasetFormats.load(OBD.resolve("bts").resolve(campaign), "obd");
    double[][] shares = LoggedRounds.actionShares(bts.interactions(), bts.items().size());
    double[] sum = new double[4];
    for (int position = 0; position < 3; position++) {
      List<LoggedRound> rounds = LoggedRounds.of(random, OBD, position);
      OpeReport report =
          new OffPolicyEvaluator(new OffPolicyEvaluator.Config(200, 0.95, 2, 1))
              .evaluate(
                  rounds,
                  TargetPolicy.fixed("bts-" + position, shares[position]),
                  ArmMeanRewardModel.fitter(50));
      sum[0] += report.estimate("ips").value() / 3;
      sum[1] += report.estimate("snips").value() / 3;
      sum[2] += report.estimate("dr").value() / 3;
    }
    InteractionLog log = bts.interactions();
    double clicks = 0;
    for (int r = 0; r < log.size(); r++) {
      clicks += log.value(r);
    }
    sum[3] = clicks / log.size();
    return sum;
  }

  @Test
  void estimatesOfTheThompsonPolicyFromRandomLogsAreInItsRange() {
    for (String campaign : List.of("men", "women")) {
      double[] e = estimateTsFromRandom(campaign);
      double truth = e[3];
      System.err.printf(
          Locale.ROOT,
          "OBD %s: on-policy TS %.5f; IPS %.5f (%+.1f%%), SNIPS %.5f (%+.1f%%), DR %.5f (%+.1f%%)%n",
          campaign,
          truth,
          e[0],
          100 * (e[0] - truth) / truth,
          e[1],
          100 * (e[1] - truth) / truth,
          e[2],
          100 * (e[2] - truth) / truth);
      // 46 clicks in 10,000 random rows: the estimates are noisy, but must land within a factor of
      // two of what the TS policy really earned.
      for (int k = 0; k < 3; k++) {
        assertThat(e[k]).isBetween(truth / 2, truth * 2);
      }
    }
  }

  @Test
  void aLogWithoutPropensitiesIsRejected() {
    Dataset ml = DatasetFormats.load(OBD.resolveSibling("ml-100k"), "ml-100k");
    assertThatThrownBy(() -> LoggedRounds.of(ml, OBD.resolveSibling("ml-100k"), -1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no propensities");
  }
}
