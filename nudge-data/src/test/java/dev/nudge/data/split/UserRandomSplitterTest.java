package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.data.InteractionLog;
import dev.nudge.data.InteractionLog.ValueKind;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UserRandomSplitterTest {

  private final InteractionLog log = Logs.randomRatings(23, 300, 40);

  @Test
  void partSizesFollowRecBolesRounding() {
    // Hand-computed from RecBole's rule: floor(0.1 n) for validation and test, the rest trains,
    // a share of n in (0, 1) still gets a row while training keeps at least one.
    Fractions f = Fractions.DEFAULT;
    assertThat(UserRandomSplitter.counts(f, 20)).containsExactly(16, 2, 2);
    assertThat(UserRandomSplitter.counts(f, 25)).containsExactly(21, 2, 2);
    assertThat(UserRandomSplitter.counts(f, 29)).containsExactly(25, 2, 2);
    assertThat(UserRandomSplitter.counts(f, 10)).containsExactly(8, 1, 1);
    assertThat(UserRandomSplitter.counts(f, 5)).containsExactly(3, 1, 1);
    assertThat(UserRandomSplitter.counts(f, 2)).containsExactly(1, 0, 1);
    assertThat(UserRandomSplitter.counts(f, 1)).containsExactly(1, 0, 0);
    assertThat(UserRandomSplitter.counts(f, 0)).containsExactly(0, 0, 0);
    assertThat(UserRandomSplitter.counts(new Fractions(0.7, 0, 0.3), 9)).containsExactly(7, 0, 2);
    assertThatThrownBy(() -> UserRandomSplitter.counts(f, -1))
        .hasMessageContaining("n must be >= 0");
  }

  @Test
  void eachUsersRowsAreCutInThoseProportionsAndThePartsCoverTheLog() {
    SplitAssignment a = new UserRandomSplitter(Fractions.DEFAULT, 5).assign(log);
    Split split = a.apply(log);
    Logs.assertPartition(log, a, split);
    int users = Logs.users(log);
    int[][] perUser = new int[users][3];
    for (int r = 0; r < log.size(); r++) {
      perUser[log.user(r)][a.part(r).ordinal()]++;
    }
    for (int u = 0; u < users; u++) {
      int n = Arrays.stream(perUser[u]).sum();
      int[] expected = UserRandomSplitter.counts(Fractions.DEFAULT, n);
      assertThat(
              new int[] {
                perUser[u][Part.TRAIN.ordinal()],
                perUser[u][Part.VALIDATION.ordinal()],
                perUser[u][Part.TEST.ordinal()]
              })
          .as("user %d with %d rows", u, n)
          .containsExactly(expected);
    }
  }

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
    SplitAssignment first = new UserRandomSplitter(Fractions.DEFAULT, 42).assign(log);
    assertThat(new UserRandomSplitter(Fractions.DEFAULT, 42).assign(log)).isEqualTo(first);
    SplitAssignment other = new UserRandomSplitter(Fractions.DEFAULT, 43).assign(log);
    assertThat(other).isNotEqualTo(first);
    // The per-user sizes do not depend on the seed; which rows are tested does.
    assertThat(other.count(Part.TEST)).isEqualTo(first.count(Part.TEST));
  }

  @Test
  void theCutIgnoresTimeAndRowOrder() {
    // One user, 40 rows in time order: over many seeds each row is tested about equally often,
    // the newest no more than the oldest (a temporal split would always test the newest 4).
    InteractionLog.Builder b = new InteractionLog.Builder(ValueKind.RATING);
    for (int k = 0; k < 40; k++) {
      b.add(0, k, 1_000 + k, 4);
    }
    InteractionLog oneUser = b.build();
    int seeds = 400;
    int[] tested = new int[40];
    for (int s = 0; s < seeds; s++) {
      for (int r : new UserRandomSplitter(Fractions.DEFAULT, s).assign(oneUser).rows(Part.TEST)) {
        tested[r]++;
      }
    }
    // Each row is tested with probability 4/40: mean 40, sd 6.
    for (int r = 0; r < 40; r++) {
      assertThat(tested[r]).as("row %d", r).isBetween(40 - 30, 40 + 30);
    }
  }

  @Test
  void onMovieLens100kEveryUserIsTestedAndNoPairLeaksAcrossParts() throws IOException {
    InteractionLog ml = Logs.movieLens100k();
    Split split = new UserRandomSplitter(Fractions.DEFAULT, 2026).split(ml);
    assertThat(split.size()).isEqualTo(100_000);
    // Every ML-100K user has >= 20 ratings, so >= 2 validation and >= 2 test rows.
    int users = Logs.users(ml);
    int[] tests = new int[users];
    int[] validations = new int[users];
    for (int r = 0; r < split.test().size(); r++) {
      tests[split.test().user(r)]++;
    }
    for (int r = 0; r < split.validation().size(); r++) {
      validations[split.validation().user(r)]++;
    }
    assertThat(Arrays.stream(tests).min().orElseThrow()).isGreaterThanOrEqualTo(2);
    assertThat(Arrays.stream(validations).min().orElseThrow()).isGreaterThanOrEqualTo(2);
    // Floors make validation and test a little under 10% each.
    assertThat(split.test().size()).isBetween(9_000, 10_000);
    assertThat(split.validation().size()).isEqualTo(split.test().size());
    // ML-100K holds each (user, item) pair once, so no pair may appear in two parts.
    java.util.Set<Long> trainPairs = new java.util.HashSet<>();
    for (int r = 0; r < split.train().size(); r++) {
      trainPairs.add(((long) split.train().user(r) << 32) | split.train().item(r));
    }
    // A plain count: AssertJ's doesNotContain scans the whole set for every call.
    long leaked = 0;
    for (InteractionLog part : new InteractionLog[] {split.validation(), split.test()}) {
      for (int r = 0; r < part.size(); r++) {
        if (trainPairs.contains(((long) part.user(r) << 32) | part.item(r))) {
          leaked++;
        }
      }
    }
    assertThat(leaked).isZero();
  }
}
