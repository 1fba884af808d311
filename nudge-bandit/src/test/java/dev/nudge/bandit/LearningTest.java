package dev.nudge.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.mab.RandomPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every learning policy must beat uniform random on the synthetic linear bandit, and LinUCB and
 * linear Thompson sampling must show sublinear regret. Rounds cycle over 4 users, so the per-user
 * GLM-UCB models each see a quarter of the rounds while the shared models see them all.
 */
class LearningTest {
  private static final SyntheticLinearBandit WORLD = new SyntheticLinearBandit(7, 30, 6, 10, 4);
  private static final int T = 3000;

  /** Random's pseudo-regret over T rounds, the yardstick. */
  private static final double RANDOM_REGRET = WORLD.run(new RandomPolicy(), T)[0];

  @ParameterizedTest
  @ValueSource(
      strings = {
        "epsilon-greedy(epsilon=0.1)",
        "epsilon-greedy(epsilon=0.2, decay=0.01)",
        "ucb1(c=0.5)",
        "softmax(temperature=0.05)",
        "beta-thompson(alpha=1.0, beta=1.0, samples=16)",
        "linucb(alpha=0.5, lambda=1.0, d=6, features=arm)",
        "hybrid-linucb(alpha=0.5, lambda=1.0, k=6, contextDim=0, features=arm)",
        "lints(v=0.1, lambda=1.0, d=6, features=arm, samples=16)",
        "glm-ucb(beta=0.1, lambda=1.0, d=6, features=arm)",
        "n-glm-ucb(beta=0.1, lambda=1.0, d=6)",
        "epsilon-mix(epsilon=0.05, policy=linucb(alpha=0.5, lambda=1.0, d=6, features=arm))",
        "ucb1(c=0.5, window=2000)",
        "linucb(alpha=0.5, lambda=1.0, d=6, features=arm, window=2000)"
      })
  void beatsRandomByAtLeastHalfItsRegret(String spec) {
    double regret = WORLD.run(Policies.builtIn().create(spec), T)[0];
    // Random loses about 0.2 click-probability per round here; learning must at least halve it.
    assertThat(RANDOM_REGRET / T).isGreaterThan(0.1);
    assertThat(regret).as(spec).isLessThan(0.5 * RANDOM_REGRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "linucb(alpha=0.5, lambda=1.0, d=6, features=arm)",
        "lints(v=0.1, lambda=1.0, d=6, features=arm, samples=1)"
      })
  void regretGrowsSublinearly(String spec) {
    double[] regret = WORLD.run(Policies.builtIn().create(spec), 20_000, 40_000);
    assertThat(regret[1] / regret[0]).as(spec + " regret(2T)/regret(T)").isLessThan(1.7);
    // And it stays far below random over the whole run.
    assertThat(regret[1]).isLessThan(0.1 * RANDOM_REGRET / T * 40_000);
  }
}
