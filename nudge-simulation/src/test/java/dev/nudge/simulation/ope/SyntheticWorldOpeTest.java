package dev.nudge.simulation.ope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.core.Seeds;
import dev.nudge.eval.ope.LoggedRound;
import dev.nudge.eval.ope.OffPolicyEvaluator;
import dev.nudge.eval.ope.OpeReport;
import dev.nudge.eval.ope.RidgeRewardModel;
import dev.nudge.eval.ope.TargetPolicy;
import dev.nudge.simulation.world.BankingWorld;
import dev.nudge.simulation.world.LoggingPolicy;
import dev.nudge.simulation.world.WorldConfig;
import dev.nudge.simulation.world.WorldDecisions;
import dev.nudge.simulation.world.WorldRound;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Off-policy evaluation where the truth is known exactly: logs of the synthetic banking world under
 * its ε-greedy business-rule logger, and a target policy whose value is computed from the world's
 * true click probabilities on the very same rounds.
 */
class SyntheticWorldOpeTest {

  @Test
  void doublyRobustIsWithinFivePercentAtOneHundredThousandRounds() {
    BankingWorld world = new BankingWorld(WorldConfig.defaults());
    WorldDecisions decisions = new WorldDecisions(world);
    LoggingPolicy logger = new LoggingPolicy.EpsilonBaseline(0.3);
    int n = 100_000;
    RandomGenerator random = Seeds.random(77, "ope-log");
    Map<String, double[]> truthByEvent = new HashMap<>(n * 2);
    List<LoggedRound> rounds = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      WorldRound round = world.round(t);
      double[] p = logger.probabilities(world, round);
      int a = sample(p, random.nextDouble());
      double[] clicks = world.clickProbabilities(round);
      double reward = random.nextDouble() < clicks[a] ? 1 : 0;
      DecisionContext context = decisions.context(round, 1, Seeds.random(t));
      rounds.add(new LoggedRound(withId(context, "t" + t), a, p[a], reward));
      truthByEvent.put("t" + t, clicks);
    }
    // Target: a softmax over a simple rule the logger does not follow (prefer nudges 1 and 3).
    double[] preference = {0.1, 0.4, 0.1, 0.3, 0.1};
    TargetPolicy target = TargetPolicy.fixed("prefer-1-and-3", preference);
    double truth = 0;
    for (LoggedRound r : rounds) {
      double[] clicks = truthByEvent.get(r.context().eventId());
      for (int a = 0; a < clicks.length; a++) {
        truth += preference[a] * clicks[a] / n;
      }
    }

    OpeReport report =
        new OffPolicyEvaluator(new OffPolicyEvaluator.Config(100, 0.95, 2, 3))
            .evaluate(rounds, target, RidgeRewardModel.fitter(1));

    assertThat(Math.abs(report.estimate("dr").relativeError(truth)))
        .as("DR %s vs truth %s", report.estimate("dr"), truth)
        .isLessThan(0.05);
    assertThat(report.estimate("dr").covers(truth)).isTrue();
    assertThat(Math.abs(report.estimate("ips").relativeError(truth))).isLessThan(0.08);
    assertThat(Math.abs(report.estimate("snips").relativeError(truth))).isLessThan(0.08);
  }

  private static DecisionContext withId(DecisionContext c, String eventId) {
    return new DecisionContext(
        eventId,
        c.userKey(),
        c.userEmbedding(),
        c.features(),
        c.candidates(),
        1,
        c.budget(),
        c.random());
  }

  private static int sample(double[] p, double u) {
    double cumulative = 0;
    for (int a = 0; a < p.length; a++) {
      cumulative += p[a];
      if (u < cumulative) {
        return a;
      }
    }
    return p.length - 1;
  }
}
