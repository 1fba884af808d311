package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import org.junit.jupiter.api.Test;

class LeaveLastOutSplitterTest {

  @Test
  void holdsOutTheLatestPositiveAndTheNonPositivesAfterIt() {
    InteractionLog log =
        Logs.of(
            ValueKind.RATING,
            new long[] {0, 0, 10, 5}, // row 0: user 0, positive
            new long[] {0, 1, 40, 2}, // row 1: after the last positive: goes to test with it
            new long[] {0, 2, 30, 4}, // row 2: latest positive: test
            new long[] {0, 3, 20, 4}, // row 3: second-latest positive
            new long[] {1, 0, 10, 5}, // row 4: user 1 has one positive: stays in training
            new long[] {1, 1, 20, 1});
    SplitAssignment a = LeaveLastOutSplitter.testOnly().assign(log);
    assertThat(a.rows(Part.TEST)).containsExactly(1, 2);
    assertThat(a.rows(Part.TRAIN)).containsExactly(0, 3, 4, 5);
    assertThat(a.count(Part.VALIDATION)).isZero();

    SplitAssignment withValidation =
        new LeaveLastOutSplitter(ImplicitLabels.DEFAULT, true).assign(log);
    assertThat(withValidation.rows(Part.TEST)).containsExactly(1, 2);
    assertThat(withValidation.rows(Part.VALIDATION)).containsExactly(3);
    assertThat(withValidation.rows(Part.TRAIN)).containsExactly(0, 4, 5);
  }

  @Test
  void theThresholdDecidesWhichRowsArePositives() {
    InteractionLog log =
        Logs.of(
            ValueKind.RATING,
            new long[] {0, 0, 10, 3},
            new long[] {0, 1, 20, 3},
            new long[] {0, 2, 30, 2});
    assertThat(LeaveLastOutSplitter.testOnly().assign(log).count(Part.TEST)).isZero();
    SplitAssignment a = new LeaveLastOutSplitter(new ImplicitLabels(3), false).assign(log);
    assertThat(a.rows(Part.TEST)).containsExactly(1, 2);
  }

  @Test
  void tiesInTimeAreBrokenByRowNumber() {
    InteractionLog log =
        Logs.of(ValueKind.LABEL, new long[] {0, 0, 10, 1}, new long[] {0, 1, 10, 1});
    assertThat(LeaveLastOutSplitter.testOnly().assign(log).rows(Part.TEST)).containsExactly(1);
  }

  @Test
  void testHoldsEachEligibleUsersLatestPositiveAndNoTrainingRowIsLater() {
    InteractionLog log = Logs.randomRatings(17, 400, 25);
    for (boolean validation : new boolean[] {false, true}) {
      LeaveLastOutSplitter splitter = new LeaveLastOutSplitter(ImplicitLabels.DEFAULT, validation);
      SplitAssignment a = splitter.assign(log);
      Split split = a.apply(log);
      Logs.assertPartition(log, a, split);
      assertLeaveLastOut(log, a, splitter);
    }
  }

  /**
   * Checks leave-one-out against a direct reading of the definition: for each user, the positive
   * rows in (time, row) order; the last goes to test, the one before to validation (when asked),
   * and only users with a positive left over are held out.
   */
  static void assertLeaveLastOut(
      InteractionLog log, SplitAssignment a, LeaveLastOutSplitter splitter) {
    int users = Logs.users(log);
    int[] positives = new int[users];
    int[] latest = new int[users];
    int[] secondLatest = new int[users];
    java.util.Arrays.fill(latest, -1);
    java.util.Arrays.fill(secondLatest, -1);
    for (int r = 0; r < log.size(); r++) {
      if (!splitter.labels().isPositive(log, r)) {
        continue;
      }
      int u = log.user(r);
      positives[u]++;
      if (latest[u] < 0 || later(log, r, latest[u])) {
        secondLatest[u] = latest[u];
        latest[u] = r;
      } else if (secondLatest[u] < 0 || later(log, r, secondLatest[u])) {
        secondLatest[u] = r;
      }
    }
    int heldOutUsers = 0;
    for (int u = 0; u < users; u++) {
      if (positives[u] >= splitter.minPositives()) {
        heldOutUsers++;
        assertThat(a.part(latest[u])).isEqualTo(Part.TEST);
        if (splitter.validation()) {
          assertThat(a.part(secondLatest[u])).isEqualTo(Part.VALIDATION);
        }
      }
    }
    int[] testPositives = new int[users];
    int[] validationPositives = new int[users];
    for (int r = 0; r < log.size(); r++) {
      int u = log.user(r);
      Part part = a.part(r);
      boolean held = positives[u] >= splitter.minPositives();
      if (!held) {
        assertThat(part).as("user %d has too few positives", u).isEqualTo(Part.TRAIN);
        continue;
      }
      int heldFrom = splitter.validation() ? secondLatest[u] : latest[u];
      if (part == Part.TRAIN) {
        assertThat(later(log, r, heldFrom)).as("training row %d after held-out", r).isFalse();
      } else {
        assertThat(later(log, heldFrom, r)).as("held-out row %d before held-out", r).isFalse();
      }
      if (part == Part.TEST && splitter.labels().isPositive(log, r)) {
        testPositives[u]++;
      }
      if (part == Part.VALIDATION && splitter.labels().isPositive(log, r)) {
        validationPositives[u]++;
      }
    }
    for (int u = 0; u < users; u++) {
      boolean held = positives[u] >= splitter.minPositives();
      assertThat(testPositives[u]).isEqualTo(held ? 1 : 0);
      assertThat(validationPositives[u]).isEqualTo(held && splitter.validation() ? 1 : 0);
    }
    assertThat(heldOutUsers).isPositive();
    assertThat(ImplicitLabels.DEFAULT.countPositives(a.apply(log).test())).isEqualTo(heldOutUsers);
  }

  /** Whether row {@code a} comes after row {@code b} in (time, row) order. */
  private static boolean later(InteractionLog log, int a, int b) {
    return log.time(a) != log.time(b) ? log.time(a) > log.time(b) : a > b;
  }
}
