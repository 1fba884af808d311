package dev.nudge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DatasetStatsTest {

  @Test
  void giniOfHandComputedCases() {
    assertThat(DatasetStats.gini(new long[] {1, 1, 1, 1})).isZero();
    assertThat(DatasetStats.gini(new long[] {0, 0, 0, 4})).isEqualTo(0.75);
    assertThat(DatasetStats.gini(new long[] {4, 0, 0, 0})).isEqualTo(0.75); // order-free
    // [1, 2, 3]: sum (2i - n - 1) x_i = -2*1 + 0*2 + 2*3 = 4, over n * sum = 3 * 6: 2/9.
    assertThat(DatasetStats.gini(new long[] {3, 1, 2})).isCloseTo(2.0 / 9, within(1e-12));
    assertThat(DatasetStats.gini(new long[0])).isZero();
    assertThat(DatasetStats.gini(new long[] {0, 0})).isZero();
    assertThatThrownBy(() -> DatasetStats.gini(new long[] {2, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void giniEqualsMeanAbsoluteDifferenceOverTwiceTheMean() {
    RandomGenerator rng = Seeds.random(11);
    long[] x = new long[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextInt(1000);
    }
    double sumAbs = 0;
    double sum = 0;
    for (long a : x) {
      sum += a;
      for (long b : x) {
        sumAbs += Math.abs(a - b);
      }
    }
    double n = x.length;
    double direct = sumAbs / (2 * n * n * (sum / n));
    assertThat(DatasetStats.gini(x)).isCloseTo(direct, within(1e-12));
  }

  @Test
  void statsOfASmallDataset() {
    // 2 users x 4 items; user 0 rates item 0 twice, so 4 rows but 3 distinct pairs.
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    b.add(0, 0, 200, 4f);
    b.add(0, 0, 300, 5f);
    b.add(1, 0, 100, 4f);
    b.add(1, 1, 400, 2.5f);
    Dataset d =
        new Dataset(
            "tiny",
            CatalogueTest.twoItemsPlus(2),
            UserTable.anonymous(IdIndex.range(2)),
            b.build());
    DatasetStats s = DatasetStats.of(d);
    assertThat(s.users()).isEqualTo(2);
    assertThat(s.items()).isEqualTo(4);
    assertThat(s.interactions()).isEqualTo(4);
    assertThat(s.pairs()).isEqualTo(3);
    assertThat(s.density()).isEqualTo(3.0 / 8);
    assertThat(s.firstTime()).isEqualTo(100);
    assertThat(s.lastTime()).isEqualTo(400);
    assertThat(s.kind()).isEqualTo(InteractionLog.ValueKind.RATING);
    assertThat(s.histogram())
        .containsExactly(
            new DatasetStats.Bin(2.5f, 1),
            new DatasetStats.Bin(4f, 2),
            new DatasetStats.Bin(5f, 1));
    // item counts [3, 1, 0, 0]: sorted [0, 0, 1, 3], (-3*0 - 1*0 + 1*1 + 3*3) / (4 * 4) = 10/16.
    assertThat(s.gini()).isEqualTo(10.0 / 16);
    assertThat(s.topics()).isEqualTo(2);
    assertThat(s.interactionsPerUser()).isEqualTo(2.0);
  }

  @Test
  void emptyLogGivesZeros() {
    Dataset d =
        new Dataset(
            "empty",
            Catalogue.anonymous(2),
            UserTable.anonymous(IdIndex.range(0)),
            new InteractionLog.Builder(InteractionLog.ValueKind.LABEL).build());
    DatasetStats s = DatasetStats.of(d);
    assertThat(s.density()).isZero();
    assertThat(s.gini()).isZero();
    assertThat(s.histogram()).isEmpty();
    assertThat(s.interactionsPerUser()).isZero();
  }

  @Test
  void invalidValuesAreRejectedNamingTheField() {
    assertThatThrownBy(
            () ->
                new DatasetStats(
                    "x", -1, 0, 0, 0, 0, 0, 0, InteractionLog.ValueKind.LABEL, List.of(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("users must be >= 0, was -1");
    assertThatThrownBy(
            () ->
                new DatasetStats(
                    "x", 0, 0, 0, 0, 1.5, 0, 0, InteractionLog.ValueKind.LABEL, List.of(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("density");
    assertThatThrownBy(
            () ->
                new DatasetStats(
                    "x", 0, 0, 0, 0, 0, 5, 4, InteractionLog.ValueKind.LABEL, List.of(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lastTime");
    assertThatThrownBy(() -> new DatasetStats.Bin(1f, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count");
  }
}
