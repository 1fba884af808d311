package dev.nudge.bandit.neural;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.mab.RandomPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Learning on the synthetic bilinear bandit ({@link BilinearWorld}: d = 8, 300 items, 40 users, Θ
 * entries N(0, 2.5²), 20 candidates a round, one slot, 2,000 rounds, seed 31). The metric is the
 * mean click probability of the chosen items. Measured with these seeds: random 0.480, N-Greedy
 * with untrained embeddings 0.386, S-N-GALM-UCB 0.740 with its intercept (item-only form 0.740;
 * 0.704 without the intercept), S-N-GBLM-UCB exact 0.862, Kronecker 0.864; with the paper's plain
 * gradient steps GALM 0.737 (lr 0.01) and GBLM 0.737 (lr 0.001). The margins asserted below are
 * about half of the measured ones.
 */
class SharedPolicyLearningTest {
  private static final int ROUNDS = 2000;
  private static final int CANDIDATES = 20;
  private static double random;
  private static double greedy;

  private static BilinearWorld world() {
    return new BilinearWorld(8, 300, 40, 2.5, 31);
  }

  @BeforeAll
  static void baselines() {
    random = world().play(new RandomPolicy(), ROUNDS, CANDIDATES);
    greedy = world().play(new NeuralGreedyPolicy(), ROUNDS, CANDIDATES);
    assertThat(random).isBetween(0.4, 0.56);
  }

  @Test
  void additiveBeatsRandomAndUntrainedGreedy() {
    double galm = world().play(AdditiveUcbPolicy.paper(8, 8), ROUNDS, CANDIDATES);
    assertThat(galm).isGreaterThan(random + 0.13).isGreaterThan(greedy + 0.15);
    double itemOnly = world().play(AdditiveUcbPolicy.itemOnly(8), ROUNDS, CANDIDATES);
    assertThat(itemOnly).isGreaterThan(random + 0.13);
  }

  @Test
  void bilinearBeatsRandomGreedyAndAdditive() {
    double gblm = world().play(BilinearUcbPolicy.exact(8, 8), ROUNDS, CANDIDATES);
    assertThat(gblm).isGreaterThan(random + 0.2).isGreaterThan(greedy + 0.2);
    double galm = world().play(AdditiveUcbPolicy.paper(8, 8), ROUNDS, CANDIDATES);
    // Only the bilinear model can learn the per-user part of xᵀΘz.
    assertThat(gblm).isGreaterThan(galm + 0.05);
  }

  @Test
  void kroneckerApproximationLearnsAsWellAsExact() {
    double kron = world().play(BilinearUcbPolicy.kronecker(8, 8), ROUNDS, CANDIDATES);
    assertThat(kron).isGreaterThan(random + 0.2).isGreaterThan(greedy + 0.2);
  }

  @Test
  void paperGradientStepsLearnToo() {
    double gblm =
        world()
            .play(
                new BilinearUcbPolicy(
                    8, 8, 0.1, BilinearUcbPolicy.Bonus.EXACT, GlmStep.GRADIENT, 0.001),
                ROUNDS,
                CANDIDATES);
    assertThat(gblm).isGreaterThan(random + 0.1);
  }
}
