package dev.nudge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Seeds;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InteractionLogTest {

  @Test
  void plainLogHasNoOptionalColumns() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    assertThat(b.add(3, 7, 100, 4.5f)).isZero();
    assertThat(b.add(1, 2, 50, 2f)).isEqualTo(1);
    InteractionLog log = b.build();
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.RATING);
    assertThat(log.user(0)).isEqualTo(3);
    assertThat(log.item(0)).isEqualTo(7);
    assertThat(log.time(1)).isEqualTo(50);
    assertThat(log.value(0)).isEqualTo(4.5f);
    assertThat(log.hasPropensities()).isFalse();
    assertThat(log.propensity(0)).isEmpty();
    assertThat(log.position(0)).isEqualTo(-1);
    assertThat(log.impression(0)).isEqualTo(-1);
    assertThat(log.context().rows()).isEqualTo(2);
    assertThat(log.context().columns()).isEmpty();
    assertThat(log.firstTime()).isEqualTo(50);
    assertThat(log.lastTime()).isEqualTo(100);
  }

  @Test
  void optionalColumnsDefaultToMissingUntilSet() {
    InteractionLog.Builder b =
        new InteractionLog.Builder(InteractionLog.ValueKind.LABEL)
            .withPropensities()
            .withPositions()
            .withImpressions()
            .withContext(new FeatureTable.Builder().declare("hour", FeatureType.NUMERIC));
    b.add(0, 1, 10, 1f);
    b.propensity(0.25f).position(2).impression(9);
    b.context().set("hour", 8f);
    b.add(1, 0, 20, 0f);
    InteractionLog log = b.build();
    assertThat(log.propensity(0)).hasValue(0.25f);
    assertThat(log.propensity(1).getAsDouble()).isNaN();
    assertThat(log.position(0)).isEqualTo(2);
    assertThat(log.position(1)).isEqualTo(-1);
    assertThat(log.impression(0)).isEqualTo(9);
    assertThat(log.impression(1)).isEqualTo(-1);
    var hour = log.context().column("hour", FeatureTable.NumericColumn.class);
    assertThat(hour.value(0)).isEqualTo(8f);
    assertThat(hour.value(1)).isNaN();
  }

  @Test
  void builderMisuseIsAnError() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    assertThatThrownBy(() -> b.context())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withContext");
    b.add(0, 0, 0, 1f);
    assertThatThrownBy(() -> b.propensity(0.5f))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withPropensities");
    assertThatThrownBy(() -> b.position(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withPositions");
    assertThatThrownBy(b::withImpressions)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the first add");
    InteractionLog.Builder empty =
        new InteractionLog.Builder(InteractionLog.ValueKind.LABEL).withPropensities();
    assertThatThrownBy(() -> empty.propensity(0.5f))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add a row first");
    assertThatThrownBy(() -> new InteractionLog.Builder(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void selectKeepsEveryColumnInTheGivenOrder() {
    InteractionLog.Builder b =
        new InteractionLog.Builder(InteractionLog.ValueKind.LABEL)
            .withPropensities()
            .withPositions()
            .withImpressions()
            .withContext(new FeatureTable.Builder().declare("d", FeatureType.CATEGORICAL));
    for (int r = 0; r < 5; r++) {
      b.add(r, 10 + r, 100 + r, r % 2);
      b.propensity(0.1f * (r + 1)).position(r).impression(20 + r);
      b.context().set("d", "d" + r);
    }
    InteractionLog s = b.build().select(new int[] {4, 1, 4});
    assertThat(s.size()).isEqualTo(3);
    assertThat(IntStream.range(0, 3).map(s::user).toArray()).containsExactly(4, 1, 4);
    assertThat(s.item(1)).isEqualTo(11);
    assertThat(s.time(0)).isEqualTo(104);
    assertThat(s.value(1)).isEqualTo(1f);
    assertThat(s.propensity(0).getAsDouble())
        .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(s.position(1)).isEqualTo(1);
    assertThat(s.impression(2)).isEqualTo(24);
    assertThat(s.context().column("d", FeatureTable.CategoricalColumn.class).value(1))
        .isEqualTo("d1");
    assertThat(s.kind()).isEqualTo(InteractionLog.ValueKind.LABEL);
  }

  @Test
  void timeOrderIsAStableSortByTime() {
    RandomGenerator rng = Seeds.random(7);
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    int n = 3000; // past the builder's initial capacity
    for (int r = 0; r < n; r++) {
      b.add(r, r, 1_000_000_000L + rng.nextInt(50), 1f); // many ties
    }
    InteractionLog log = b.build();
    int[] expected =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingLong(log::time).thenComparingInt(r -> r))
            .mapToInt(Integer::intValue)
            .toArray();
    assertThat(log.timeOrder()).containsExactly(expected);
  }

  @Test
  void timeOrderHandlesSpansTooWideToPack() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    b.add(0, 0, 4_000_000_000_000_000_000L, 1f);
    b.add(1, 1, 0, 1f);
    b.add(2, 2, 4_000_000_000_000_000_000L, 1f);
    b.add(3, 3, -5, 1f);
    assertThat(b.build().timeOrder()).containsExactly(3, 1, 0, 2);
  }

  @Test
  void emptyLogHasZeroTimesAndNoOrder() {
    InteractionLog log = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL).build();
    assertThat(log.size()).isZero();
    assertThat(log.firstTime()).isZero();
    assertThat(log.lastTime()).isZero();
    assertThat(log.timeOrder()).isEmpty();
  }

  @Test
  void positivesAreLabelOneOrRatingsAtTheThreshold() {
    InteractionLog.Builder r = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    r.add(0, 0, 0, 3.5f);
    r.add(0, 1, 0, 4f);
    InteractionLog ratings = r.build();
    assertThat(ratings.isPositive(0, 4f)).isFalse();
    assertThat(ratings.isPositive(1, 4f)).isTrue();
    assertThat(ratings.isPositive(0, 3.5f)).isTrue();
    InteractionLog.Builder l = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    l.add(0, 0, 0, 1f);
    l.add(0, 1, 0, 0f);
    InteractionLog labels = l.build();
    assertThat(labels.isPositive(0, 4f)).isTrue(); // the threshold does not apply to labels
    assertThat(labels.isPositive(1, 0f)).isFalse();
  }
}
