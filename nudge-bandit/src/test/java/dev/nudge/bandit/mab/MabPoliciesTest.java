package dev.nudge.bandit.mab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

class MabPoliciesTest {
  private static final List<Arm> ARMS = List.of(Arm.of("a", 0), Arm.of("b", 1), Arm.of("c", 2));

  private static DecisionContext context(int slate, long seed) {
    return new DecisionContext(
        "e", 0, null, null, ARMS, slate, DecisionContext.UNLIMITED, Seeds.random(seed));
  }

  private static void reward(Policy policy, int key, double reward) {
    policy.learn(new Feedback(context(1, 0), ARMS.get(key), 0, reward));
  }

  @Test
  void discountedStatisticsMatchADirectSum() {
    double gamma = 0.9;
    ArmStats stats = new ArmStats(gamma, 0);
    int[] keys = {0, 1, 0, 2, 0, 1, 1};
    double[] rewards = {1, 0, 0.5, 1, 0, 1, 0.25};
    for (int t = 0; t < keys.length; t++) {
      stats.add(keys[t], rewards[t]);
    }
    int now = keys.length;
    for (int key = 0; key < 3; key++) {
      double n = 0;
      double s = 0;
      for (int t = 0; t < keys.length; t++) {
        if (keys[t] == key) {
          n += Math.pow(gamma, now - (t + 1));
          s += Math.pow(gamma, now - (t + 1)) * rewards[t];
        }
      }
      assertThat(stats.pulls(key)).isCloseTo(n, within(1e-12));
      assertThat(stats.rewardSum(key)).isCloseTo(s, within(1e-12));
    }
    double total = 0;
    for (int t = 0; t < now; t++) {
      total += Math.pow(gamma, t);
    }
    assertThat(stats.totalPulls()).isCloseTo(total, within(1e-12));
  }

  @Test
  void windowedStatisticsCountOnlyTheLastUpdates() {
    ArmStats stats = new ArmStats(1, 3);
    int[] keys = {0, 0, 1, 0, 2};
    double[] rewards = {1, 1, 0.5, 0, 1};
    for (int t = 0; t < keys.length; t++) {
      stats.add(keys[t], rewards[t]);
    }
    // The last three updates: (1, 0.5), (0, 0), (2, 1).
    assertThat(stats.pulls(0)).isEqualTo(1);
    assertThat(stats.rewardSum(0)).isEqualTo(0);
    assertThat(stats.pulls(1)).isEqualTo(1);
    assertThat(stats.mean(2, -1)).isEqualTo(1);
    assertThat(stats.totalPulls()).isEqualTo(3);
    assertThatThrownBy(() -> new ArmStats(0.9, 5)).hasMessageContaining("not both");
    assertThatThrownBy(() -> new ArmStats(0, 0)).hasMessageContaining("discount");
    assertThatThrownBy(() -> new ArmStats(1.5, 0)).hasMessageContaining("discount");
    assertThatThrownBy(() -> new ArmStats(1, -1)).hasMessageContaining("window");
  }

  @Test
  void ucb1ScoresAreMeanPlusBonusAndUnpulledArmsComeFirst() {
    Ucb1Policy policy = new Ucb1Policy(0.5, 1, 0);
    reward(policy, 0, 1);
    reward(policy, 0, 0);
    reward(policy, 1, 1);
    Slate slate = policy.decide(context(3, 1));
    assertThat(slate.get(0).arm().id()).isEqualTo("c");
    assertThat(slate.get(0).score()).isEqualTo(Double.POSITIVE_INFINITY);
    double bonusB = 0.5 * Math.sqrt(2 * Math.log(3) / 1);
    double bonusA = 0.5 * Math.sqrt(2 * Math.log(3) / 2);
    assertThat(slate.get(1).arm().id()).isEqualTo("b");
    assertThat(slate.get(1).score()).isCloseTo(1 + bonusB, within(1e-12));
    assertThat(slate.get(2).score()).isCloseTo(0.5 + bonusA, within(1e-12));
    assertThat(slate.entries()).allMatch(e -> e.probability() == 1.0);
  }

  @Test
  void epsilonDecaysWithUpdates() {
    EpsilonGreedyPolicy policy = new EpsilonGreedyPolicy(0.4, 0.5, 1, 1, 0);
    assertThat(policy.currentEpsilon()).isEqualTo(0.4);
    for (int t = 0; t < 6; t++) {
      reward(policy, t % 3, 1);
    }
    assertThat(policy.currentEpsilon()).isCloseTo(0.4 / (1 + 0.5 * 6), within(1e-15));
    Slate slate = policy.decide(context(1, 3));
    double p = slate.get(0).probability();
    double eps = 0.1;
    double nearest = Math.min(Math.abs(p - eps / 3), Math.abs(p - (1 - eps + eps / 3)));
    assertThat(nearest).isLessThan(1e-12);
  }

  @Test
  void softmaxReportsTheBoltzmannProbability() {
    SoftmaxPolicy policy = new SoftmaxPolicy(0.5, 0, 1, 0);
    reward(policy, 0, 1);
    reward(policy, 1, 0);
    // Means 1, 0 and (unpulled) 0: weights e², 1, 1.
    Slate slate = policy.decide(context(1, 4));
    double z = Math.exp(2) + 2;
    double expected = slate.get(0).arm().key() == 0 ? Math.exp(2) / z : 1 / z;
    assertThat(slate.get(0).probability()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void betaThompsonUsesItsPrior() {
    // A pessimistic prior keeps the estimate of an unseen arm low: its draws average α/(α+β).
    BetaThompsonPolicy policy = new BetaThompsonPolicy(1, 99, 4);
    double sum = 0;
    int n = 2000;
    for (int t = 0; t < n; t++) {
      sum += policy.decide(context(1, t)).get(0).score();
    }
    // The slot-0 draw is the maximum of three Beta(1, 99) draws: mean 1/100·(1 + 1/2 + 1/3) ≈
    // 0.0183.
    assertThat(sum / n).isCloseTo(0.0183, within(0.002));
  }

  @Test
  void badParametersAreRejected() {
    assertThatThrownBy(() -> new EpsilonGreedyPolicy(-0.1)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new EpsilonGreedyPolicy(Double.NaN)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new EpsilonGreedyPolicy(0.1, -1, 1, 1, 0))
        .hasMessageContaining("decay");
    assertThatThrownBy(() -> new Ucb1Policy(-1, 1, 0)).hasMessageContaining("c must");
    assertThatThrownBy(() -> new SoftmaxPolicy(0)).hasMessageContaining("temperature");
    assertThatThrownBy(() -> new BetaThompsonPolicy(0, 1, 8)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> new BetaThompsonPolicy(1, -1, 8)).hasMessageContaining("beta");
    assertThatThrownBy(() -> new BetaThompsonPolicy(1, 1, 0))
        .hasMessageContaining("probabilitySamples");
  }
}
