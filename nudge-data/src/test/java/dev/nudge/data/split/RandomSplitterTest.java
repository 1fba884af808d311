package dev.nudge.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.InteractionLog;
import org.junit.jupiter.api.Test;

class RandomSplitterTest {

  private final InteractionLog log = Logs.randomRatings(19, 300, 30);

  @Test
  void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
    SplitAssignment first = new RandomSplitter(Fractions.DEFAULT, 42).assign(log);
    SplitAssignment again = new RandomSplitter(Fractions.DEFAULT, 42).assign(log);
    SplitAssignment other = new RandomSplitter(Fractions.DEFAULT, 43).assign(log);
    assertThat(again).isEqualTo(first);
    assertThat(again.rows(Part.TEST)).isEqualTo(first.rows(Part.TEST));
    assertThat(other).isNotEqualTo(first);
    // Different seeds give nearly independent test sets: the overlap is about 10% of 10%.
    java.util.Set<Integer> test = new java.util.HashSet<>();
    for (int r : first.rows(Part.TEST)) {
      test.add(r);
    }
    long shared = java.util.Arrays.stream(other.rows(Part.TEST)).filter(test::contains).count();
    assertThat(shared).isLessThan(first.count(Part.TEST) / 3);
  }

  @Test
  void partSizesAreExactAndThePartsCoverTheLog() {
    SplitAssignment a = new RandomSplitter(Fractions.DEFAULT, 1).assign(log);
    Logs.assertPartition(log, a, a.apply(log));
    int[] cuts = Fractions.DEFAULT.cuts(log.size());
    assertThat(a.count(Part.TRAIN)).isEqualTo(cuts[0]);
    assertThat(a.count(Part.VALIDATION)).isEqualTo(cuts[1] - cuts[0]);
    assertThat(a.count(Part.TEST)).isEqualTo(log.size() - cuts[1]);
  }

  @Test
  void everyRowIsEquallyLikelyToBeTested() {
    // Over 200 seeds each row is tested with probability 0.1: about 20 times, sd about 4.2.
    int seeds = 200;
    int[] tested = new int[log.size()];
    for (int s = 0; s < seeds; s++) {
      for (int r : new RandomSplitter(Fractions.DEFAULT, s).assign(log).rows(Part.TEST)) {
        tested[r]++;
      }
    }
    double expected = seeds * (double) Fractions.DEFAULT.cuts(log.size())[1] / log.size();
    expected = seeds - expected;
    for (int r = 0; r < log.size(); r++) {
      assertThat((double) tested[r]).isBetween(expected - 6 * 4.3, expected + 6 * 4.3);
    }
  }
}
