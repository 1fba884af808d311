package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import org.junit.jupiter.api.Test;

class TimeCutSplitterTest {

  @Test
  void cutsAtTheGivenTimesWithTheBoundaryRowGoingForward() {
    InteractionLog log =
        Logs.of(
            ValueKind.RATING,
            new long[] {0, 0, 30, 5},
            new long[] {1, 0, 10, 5},
            new long[] {0, 1, 20, 5},
            new long[] {1, 1, 29, 5},
            new long[] {2, 2, 40, 5});
    SplitAssignment a = new TimeCutSplitter(20, 30).assign(log);
    assertThat(a.rows(Part.TRAIN)).containsExactly(1);
    assertThat(a.rows(Part.VALIDATION)).containsExactly(2, 3);
    assertThat(a.rows(Part.TEST)).containsExactly(0, 4);
    SplitAssignment noValidation = TimeCutSplitter.at(30).assign(log);
    assertThat(noValidation.rows(Part.TRAIN)).containsExactly(1, 2, 3);
    assertThat(noValidation.count(Part.VALIDATION)).isZero();
  }

  @Test
  void everyTrainingTimeIsBeforeEveryValidationAndTestTime() {
    InteractionLog log = Logs.randomRatings(7, 200, 30);
    Splitter splitter = new TimeCutSplitter(1_020, 1_030);
    SplitAssignment a = splitter.assign(log);
    Split split = a.apply(log);
    Logs.assertPartition(log, a, split);
    assertThat(split.train().lastTime()).isLessThan(split.validation().firstTime());
    assertThat(split.validation().lastTime()).isLessThan(split.test().firstTime());
    assertThat(split.train().size()).isPositive();
    assertThat(split.validation().size()).isPositive();
    assertThat(split.test().size()).isPositive();
  }

  @Test
  void rejectsAValidationStartAfterTheTestStart() {
    assertThatThrownBy(() -> new TimeCutSplitter(31, 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validationFrom must be <= testFrom, got 31 > 30");
  }
}
