package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.InteractionLog;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every splitter on the real MovieLens 100K ratings (u.data, 100,000 rows in random order). */
class MovieLens100kSplitTest {
  private static InteractionLog ratings;

  @BeforeAll
  static void read() throws IOException {
    ratings = Logs.movieLens100k();
  }

  @Test
  void readsTheWholeFile() {
    assertThat(ratings.size()).isEqualTo(100_000);
    assertThat(Logs.users(ratings)).isEqualTo(943);
  }

  @Test
  void temporalQuantileCut() {
    SplitAssignment a = new TimeQuantileSplitter(Fractions.DEFAULT).assign(ratings);
    Split split = a.apply(ratings);
    Logs.assertPartition(ratings, a, split);
    assertThat(split.train().size()).isEqualTo(80_000);
    assertThat(split.validation().size()).isEqualTo(10_000);
    assertThat(split.test().size()).isEqualTo(10_000);
    assertThat(split.train().lastTime()).isLessThanOrEqualTo(split.test().firstTime());
    assertThat(split.train().lastTime()).isLessThanOrEqualTo(split.validation().firstTime());
  }

  @Test
  void leaveLastPositiveOut() {
    for (boolean validation : new boolean[] {false, true}) {
      LeaveLastOutSplitter splitter = new LeaveLastOutSplitter(ImplicitLabels.DEFAULT, validation);
      SplitAssignment a = splitter.assign(ratings);
      Logs.assertPartition(ratings, a, a.apply(ratings));
      LeaveLastOutSplitterTest.assertLeaveLastOut(ratings, a, splitter);
    }
  }

  @Test
  void perUserChronologicalFractions() {
    SplitAssignment a = new UserTimeFractionSplitter(Fractions.DEFAULT).assign(ratings);
    Split split = a.apply(ratings);
    Logs.assertPartition(ratings, a, split);
    long[] trainLatest = Logs.latestPerUser(split.train(), 943);
    long[] testEarliest = Logs.earliestPerUser(split.test(), 943);
    for (int u = 0; u < 943; u++) {
      assertThat(trainLatest[u]).isLessThanOrEqualTo(testEarliest[u]);
    }
    // Every MovieLens 100K user has at least 20 ratings, so everyone is tested.
    assertThat(java.util.Arrays.stream(testEarliest).filter(t -> t == Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void seededRandom() {
    SplitAssignment a = new RandomSplitter(Fractions.DEFAULT, 2026).assign(ratings);
    Logs.assertPartition(ratings, a, a.apply(ratings));
    assertThat(a).isEqualTo(new RandomSplitter(Fractions.DEFAULT, 2026).assign(ratings));
    assertThat(a).isNotEqualTo(new RandomSplitter(Fractions.DEFAULT, 2027).assign(ratings));
  }
}
