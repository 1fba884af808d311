package dev.nudge.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reported probabilities against the policies' actual behaviour: the same learned state decides the
 * same candidates under many seeds, and the choice frequencies must match what the slates claim.
 * Exact policies must also report the same probability every time and sum to 1 per slot.
 */
class ProbabilityTest {
  private static final SyntheticLinearBandit WORLD = new SyntheticLinearBandit(11, 30, 6, 10);
  private static final int TRIALS = 4000;

  /** χ² with 9 degrees of freedom exceeds 27.9 with probability 0.001. */
  private static final double CHI_SQUARE_LIMIT = 30;

  private static Policy trained(String spec) {
    Policy policy = Policies.builtIn().create(spec);
    WORLD.run(policy, 200);
    return policy;
  }

  private static DecisionContext trial(List<Arm> candidates, int t) {
    return new DecisionContext(
        "trial-" + t, 0, null, null, candidates, 2, DecisionContext.UNLIMITED, Seeds.random(99, t));
  }

  /** Observed counts and reported probabilities for one slot. */
  private record Tally(Map<String, Integer> counts, Map<String, Double> reported, int total) {}

  private static Tally tally(Policy policy, List<Arm> candidates, int slot, String firstArm) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Double> reported = new HashMap<>();
    Map<String, Integer> reports = new HashMap<>();
    int total = 0;
    for (int t = 0; t < TRIALS; t++) {
      Slate slate = policy.decide(trial(candidates, t));
      if (firstArm != null && !slate.get(0).arm().id().equals(firstArm)) {
        continue;
      }
      Slate.Entry e = slate.get(slot);
      total++;
      counts.merge(e.arm().id(), 1, Integer::sum);
      if (slate.probabilitiesEstimated()) {
        reported.merge(e.arm().id(), e.probability(), Double::sum);
        reports.merge(e.arm().id(), 1, Integer::sum);
      } else {
        Double before = reported.put(e.arm().id(), e.probability());
        assertThat(before == null || before == e.probability())
            .as("exact probability of %s is the same every time", e.arm().id())
            .isTrue();
      }
    }
    if (!reports.isEmpty()) {
      reports.forEach((id, n) -> reported.put(id, reported.get(id) / n));
    }
    return new Tally(counts, reported, total);
  }

  private static String mode(Tally tally) {
    return tally.counts().entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .orElseThrow()
        .getKey();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "random",
        "epsilon-greedy(epsilon=0.3)",
        "epsilon-greedy(epsilon=0.5, decay=0.01)",
        "softmax(temperature=0.5)",
        "epsilon-mix(epsilon=0.3, policy=ucb1(c=0.5))",
        "epsilon-mix(epsilon=0.3, policy=linucb(alpha=0.5, lambda=1.0, d=6, features=arm))"
      })
  void exactProbabilitiesSumToOneAndMatchFrequencies(String spec) {
    Policy policy = trained(spec);
    List<Arm> candidates = WORLD.context(999).candidates();
    Tally first = tally(policy, candidates, 0, null);
    assertThat(first.reported()).as("every arm is seen in slot 0").hasSize(candidates.size());
    check(first, spec + " slot 0");
    // Slot 1, given the most frequent slot-0 arm: 9 arms are left.
    Tally second = tally(policy, candidates, 1, mode(first));
    assertThat(second.reported()).hasSize(candidates.size() - 1);
    check(second, spec + " slot 1");
  }

  private static void check(Tally tally, String what) {
    double sum = tally.reported().values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(sum).as(what + ": probabilities sum to 1").isCloseTo(1.0, within(1e-9));
    double chi = 0;
    for (Map.Entry<String, Double> e : tally.reported().entrySet()) {
      double expected = e.getValue() * tally.total();
      double observed = tally.counts().get(e.getKey());
      chi += (observed - expected) * (observed - expected) / expected;
    }
    assertThat(chi)
        .as(what + ": chi-square of frequencies vs probabilities")
        .isLessThan(CHI_SQUARE_LIMIT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "beta-thompson(alpha=1.0, beta=1.0, samples=256)",
        "lints(v=1.0, lambda=1.0, d=6, features=arm, samples=256)"
      })
  void estimatedProbabilitiesTrackFrequencies(String spec) {
    Policy policy = trained(spec);
    List<Arm> candidates = WORLD.context(999).candidates();
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Double> reportedSum = new HashMap<>();
    int trials = 1500;
    for (int t = 0; t < trials; t++) {
      Slate slate = policy.decide(trial(candidates, t));
      assertThat(slate.probabilitiesEstimated()).isTrue();
      Slate.Entry e = slate.get(0);
      counts.merge(e.arm().id(), 1, Integer::sum);
      reportedSum.merge(e.arm().id(), e.probability(), Double::sum);
    }
    // The state is fixed, so each arm has one true probability p; the estimates come from
    // resamples independent of the draw that chose the arm, so their mean must approach p, and so
    // must the arm's choice frequency.
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      double frequency = e.getValue() / (double) trials;
      double meanEstimate = reportedSum.get(e.getKey()) / e.getValue();
      assertThat(meanEstimate).as(spec + " " + e.getKey()).isCloseTo(frequency, within(0.05));
    }
  }
}
