package dev.nudge.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PositiveRanksTest {
  private static final double EPS = 1e-12;

  /** List by score: n(1.0) p(0.9) n(0.7) p(0.5) n(0.3): positives at ranks 1 and 3. */
  private final PositiveRanks twoOfFive =
      PositiveRanks.of(new float[] {0.5f, 0.9f}, new float[] {1.0f, 0.7f, 0.3f});

  @Test
  void ranksPositivesAmongCandidates() {
    assertThat(twoOfFive.ranks()).containsExactly(1, 3);
    assertThat(twoOfFive.negatives()).isEqualTo(3);
  }

  @Test
  void hitRateRecallAndPrecisionFollowTheRanks() {
    assertThat(twoOfFive.hitRate(1)).isZero();
    assertThat(twoOfFive.hitRate(2)).isEqualTo(1.0);
    assertThat(twoOfFive.recall(2)).isEqualTo(0.5);
    assertThat(twoOfFive.recall(4)).isEqualTo(1.0);
    assertThat(twoOfFive.precision(2)).isEqualTo(0.5);
    assertThat(twoOfFive.precision(5)).isEqualTo(0.4);
  }

  @Test
  void ndcgMatchesHandComputedValues() {
    double l3 = 1 / (Math.log(3) / Math.log(2));
    double l5 = 1 / (Math.log(5) / Math.log(2));
    // @2 only the positive at rank 1 counts; the ideal puts both positives first.
    assertThat(twoOfFive.ndcg(2)).isCloseTo(l3 / (1 + l3), within(EPS));
    assertThat(twoOfFive.ndcg(5)).isCloseTo((l3 + l5) / (1 + l3), within(EPS));
    assertThat(twoOfFive.ndcg(1)).isZero();
  }

  @Test
  void reciprocalRankAveragePrecisionAndAuc() {
    assertThat(twoOfFive.reciprocalRank()).isEqualTo(0.5);
    // Precision at the positives: 1/2 and 2/4, averaged over 2 positives.
    assertThat(twoOfFive.averagePrecision(5)).isCloseTo(0.5, within(EPS));
    // Truncated at 3: only the first positive counts, divided by min(3, 2).
    assertThat(twoOfFive.averagePrecision(3)).isCloseTo(0.25, within(EPS));
    // 0.9 beats 0.7 and 0.3; 0.5 beats 0.3: 3 of 6 pairs.
    assertThat(twoOfFive.auc()).isCloseTo(0.5, within(EPS));
  }

  @Test
  void tiesWithNegativesArePessimisticForRanksAndHalfForAuc() {
    PositiveRanks tied = PositiveRanks.of(new float[] {0.5f}, new float[] {0.5f, 0.1f});
    assertThat(tied.ranks()).containsExactly(1);
    assertThat(tied.auc()).isCloseTo(0.75, within(EPS));
    PositiveRanks constant = PositiveRanks.of(new float[] {1f}, new float[] {1f, 1f, 1f});
    assertThat(constant.hitRate(1)).isZero();
    assertThat(constant.auc()).isEqualTo(0.5);
  }

  @Test
  void tiedPositivesKeepDistinctRanks() {
    PositiveRanks r = PositiveRanks.of(new float[] {2f, 2f}, new float[] {1f});
    assertThat(r.ranks()).containsExactly(0, 1);
    assertThat(r.ndcg(2)).isCloseTo(1.0, within(EPS));
    assertThat(r.averagePrecision(10)).isCloseTo(1.0, within(EPS));
  }

  @Test
  void rejectsImpossibleRanks() {
    assertThatThrownBy(() -> new PositiveRanks(new int[0], 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ranks");
    assertThatThrownBy(() -> new PositiveRanks(new int[] {2, 2}, 3, 0))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> new PositiveRanks(new int[] {0}, 2, 5))
        .hasMessageContaining("orderedPairs");
  }
}
