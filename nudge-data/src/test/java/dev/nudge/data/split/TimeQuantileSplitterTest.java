package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TimeQuantileSplitterTest {

  @Test
  void theEarliestRowsTrainAndTheLatestTest() {
    InteractionLog log =
        Logs.of(
            ValueKind.RATING,
            new long[] {0, 0, 50, 5},
            new long[] {0, 1, 10, 5},
            new long[] {1, 0, 40, 5},
            new long[] {1, 1, 20, 5},
            new long[] {2, 2, 30, 5});
    SplitAssignment a = new TimeQuantileSplitter(new Fractions(0.6, 0.2, 0.2)).assign(log);
    assertThat(a.rows(Part.TRAIN)).containsExactly(1, 3, 4);
    assertThat(a.rows(Part.VALIDATION)).containsExactly(2);
    assertThat(a.rows(Part.TEST)).containsExactly(0);
  }

  @Test
  void sizesAreExactAndNoTrainingTimeIsLaterThanAnyTestTime() {
    // Times come from 40 distinct seconds, so many rows tie at the cuts.
    InteractionLog log = Logs.randomRatings(11, 300, 40);
    SplitAssignment a = new TimeQuantileSplitter(Fractions.DEFAULT).assign(log);
    Split split = a.apply(log);
    Logs.assertPartition(log, a, split);
    int[] cuts = Fractions.DEFAULT.cuts(log.size());
    assertThat(split.train().size()).isEqualTo(cuts[0]);
    assertThat(split.validation().size()).isEqualTo(cuts[1] - cuts[0]);
    assertThat(split.test().size()).isEqualTo(log.size() - cuts[1]);
    assertThat(split.train().lastTime()).isLessThanOrEqualTo(split.validation().firstTime());
    assertThat(split.validation().lastTime()).isLessThanOrEqualTo(split.test().firstTime());
    // The training part is the earliest rows: its times are the smallest of the log's.
    long[] all = new long[log.size()];
    Arrays.setAll(all, log::time);
    Arrays.sort(all);
    assertThat(split.train().lastTime()).isEqualTo(all[cuts[0] - 1]);
  }

  @Test
  void anEmptyLogSplitsIntoEmptyParts() {
    InteractionLog empty = new InteractionLog.Builder(ValueKind.RATING).build();
    Split split = new TimeQuantileSplitter(Fractions.DEFAULT).split(empty);
    assertThat(split.size()).isZero();
  }

  @Test
  void requiresFractions() {
    assertThatThrownBy(() -> new TimeQuantileSplitter(null))
        .hasMessageContaining("fractions must not be null");
  }
}
