package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import org.junit.jupiter.api.Test;

class UserTimeFractionSplitterTest {

  @Test
  void eachUsersHistoryIsCutInTimeOrder() {
    // User 0: ten rows, given newest first; user 1: one row.
    InteractionLog.Builder b = new InteractionLog.Builder(ValueKind.RATING);
    for (int k = 9; k >= 0; k--) {
      b.add(0, k, 100 + k, 3);
    }
    b.add(1, 0, 5, 3);
    InteractionLog log = b.build();
    SplitAssignment a = new UserTimeFractionSplitter(Fractions.DEFAULT).assign(log);
    // Rows 0 and 1 hold times 109 and 108: the last 10% tests, the 10% before validates.
    assertThat(a.rows(Part.TEST)).containsExactly(0);
    assertThat(a.rows(Part.VALIDATION)).containsExactly(1);
    assertThat(a.rows(Part.TRAIN)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void noTrainingRowOfAUserIsLaterThanThatUsersValidationOrTestRows() {
    InteractionLog log = Logs.randomRatings(13, 300, 40);
    SplitAssignment a = new UserTimeFractionSplitter(new Fractions(0.7, 0.15, 0.15)).assign(log);
    Split split = a.apply(log);
    Logs.assertPartition(log, a, split);
    int users = Logs.users(log);
    long[] trainLatest = Logs.latestPerUser(split.train(), users);
    long[] validationEarliest = Logs.earliestPerUser(split.validation(), users);
    long[] validationLatest = Logs.latestPerUser(split.validation(), users);
    long[] testEarliest = Logs.earliestPerUser(split.test(), users);
    int[] rowsPerUser = new int[users];
    int[] trainPerUser = new int[users];
    for (int r = 0; r < log.size(); r++) {
      rowsPerUser[log.user(r)]++;
    }
    for (int r = 0; r < split.train().size(); r++) {
      trainPerUser[split.train().user(r)]++;
    }
    for (int u = 0; u < users; u++) {
      assertThat(trainLatest[u]).isLessThanOrEqualTo(validationEarliest[u]);
      assertThat(trainLatest[u]).isLessThanOrEqualTo(testEarliest[u]);
      assertThat(validationLatest[u]).isLessThanOrEqualTo(testEarliest[u]);
      assertThat(trainPerUser[u]).isEqualTo(Math.round(rowsPerUser[u] * 0.7));
    }
  }
}
