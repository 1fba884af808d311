package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import org.junit.jupiter.api.Test;

class ImplicitLabelsTest {

  private final InteractionLog ratings =
      Logs.of(
          ValueKind.RATING,
          new long[] {0, 0, 10, 5},
          new long[] {0, 1, 11, 3},
          new long[] {1, 2, 12, 4},
          new long[] {1, 3, 13, 1});

  @Test
  void ratingsAtOrAboveTheThresholdArePositive() {
    assertThat(ImplicitLabels.DEFAULT.positiveRows(ratings)).containsExactly(0, 2);
    assertThat(new ImplicitLabels(3).positiveRows(ratings)).containsExactly(0, 1, 2);
    assertThat(new ImplicitLabels(4.5f).positiveRows(ratings)).containsExactly(0);
    assertThat(ImplicitLabels.DEFAULT.countPositives(ratings)).isEqualTo(2);
  }

  @Test
  void labelLogsUseTheLabelWhateverTheThreshold() {
    InteractionLog labels =
        Logs.of(ValueKind.LABEL, new long[] {0, 0, 1, 1}, new long[] {0, 1, 2, 0});
    assertThat(new ImplicitLabels(5).positiveRows(labels)).containsExactly(0);
    assertThat(new ImplicitLabels(0).positiveRows(labels)).containsExactly(0);
  }

  @Test
  void positivesKeepsTheRowsWithAllTheirColumns() {
    InteractionLog.Builder b = new InteractionLog.Builder(ValueKind.LABEL).withPropensities();
    b.add(0, 0, 1, 1);
    b.propensity(0.25f);
    b.add(0, 1, 2, 0);
    b.propensity(0.5f);
    b.add(1, 1, 3, 1);
    b.propensity(0.125f);
    InteractionLog positives = ImplicitLabels.DEFAULT.positives(b.build());
    assertThat(positives.size()).isEqualTo(2);
    assertThat(positives.item(1)).isEqualTo(1);
    assertThat(positives.time(1)).isEqualTo(3);
    assertThat(positives.propensity(0).getAsDouble()).isEqualTo(0.25);
    assertThat(positives.propensity(1).getAsDouble()).isEqualTo(0.125);
  }

  @Test
  void rejectsANonFiniteThreshold() {
    assertThatThrownBy(() -> new ImplicitLabels(Float.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold must be a finite number, got NaN");
  }
}
