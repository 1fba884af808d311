package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FractionsTest {

  @Test
  void cutsRoundCumulativeSharesAndAlwaysCoverTheSequence() {
    assertThat(Fractions.DEFAULT.cuts(10)).containsExactly(8, 9);
    assertThat(Fractions.DEFAULT.cuts(100_000)).containsExactly(80_000, 90_000);
    assertThat(Fractions.DEFAULT.cuts(0)).containsExactly(0, 0);
    // 1 item: 0.8 rounds to 1, so a single interaction trains.
    assertThat(Fractions.DEFAULT.cuts(1)).containsExactly(1, 1);
    assertThat(Fractions.trainTest(0.75).cuts(4)).containsExactly(3, 3);
    for (int n = 0; n < 200; n++) {
      int[] c = new Fractions(0.7, 0.2, 0.1).cuts(n);
      assertThat(c[0]).isBetween(0, c[1]);
      assertThat(c[1]).isBetween(c[0], n);
      assertThat(Math.abs(c[0] - 0.7 * n)).isLessThanOrEqualTo(0.5);
      assertThat(Math.abs(c[1] - 0.9 * n)).isLessThanOrEqualTo(0.5 + 1e-9);
    }
  }

  @Test
  void rejectsSharesOutsideTheUnitIntervalOrNotSummingToOne() {
    assertThatThrownBy(() -> new Fractions(0.8, 0.1, 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be 1")
        .hasMessageContaining("0.8 + 0.1 + 0.2");
    assertThatThrownBy(() -> new Fractions(1.2, -0.1, -0.1))
        .hasMessageContaining("train must be in [0, 1], got 1.2");
    assertThatThrownBy(() -> new Fractions(0.5, Double.NaN, 0.5))
        .hasMessageContaining("validation must be in [0, 1], got NaN");
    assertThatThrownBy(() -> Fractions.DEFAULT.cuts(-1)).hasMessageContaining("n must be >= 0");
  }
}
