package dev.nudge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {

  /** Three rows: a full one, an empty one, a partial one. */
  private static FeatureTable sample() {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare("age", FeatureType.NUMERIC)
            .declare("city", FeatureType.CATEGORICAL)
            .declare("tags", FeatureType.MULTI_CATEGORICAL)
            .declare("title", FeatureType.TEXT);
    b.nextRow().set("age", 30f).set("city", "Paris").set("title", "first");
    b.add("tags", "x").add("tags", "y");
    b.nextRow();
    b.nextRow().set("city", "Lyon").set("city", "Paris");
    b.add("tags", "z").add("tags", "x").add("tags", "w");
    return b.build();
  }

  @Test
  void columnsKeepValuesAndMarkMissingOnes() {
    FeatureTable t = sample();
    assertThat(t.rows()).isEqualTo(3);
    assertThat(t.columns())
        .extracting(FeatureTable.Column::name)
        .containsExactly("age", "city", "tags", "title");
    var age = t.column("age", FeatureTable.NumericColumn.class);
    assertThat(age.value(0)).isEqualTo(30f);
    assertThat(age.value(1)).isNaN();
    var city = t.column("city", FeatureTable.CategoricalColumn.class);
    assertThat(city.value(0)).isEqualTo("Paris");
    assertThat(city.code(1)).isEqualTo(-1);
    assertThat(city.value(1)).isNull();
    assertThat(city.value(2)).isEqualTo("Paris"); // the second set replaced "Lyon"
    assertThat(city.vocabulary().ids()).containsExactly("Paris", "Lyon");
    var title = t.column("title", FeatureTable.TextColumn.class);
    assertThat(title.value(0)).isEqualTo("first");
    assertThat(title.value(2)).isNull();
  }

  @Test
  void multiCategoricalIsCompressedSparseRowsInGivenOrder() {
    var tags = sample().column("tags", FeatureTable.MultiCategoricalColumn.class);
    assertThat(tags.vocabulary().ids()).containsExactly("x", "y", "z", "w");
    assertThat(tags.rows()).isEqualTo(3);
    assertThat(tags.codes(0)).containsExactly(0, 1);
    assertThat(tags.codes(1)).isEmpty();
    assertThat(tags.codes(2)).containsExactly(2, 0, 3);
    assertThat(tags.count(2)).isEqualTo(3);
    assertThat(tags.first(0)).isZero();
    assertThat(tags.first(1)).isEqualTo(-1);
    assertThat(tags.first(2)).isEqualTo(2);
  }

  @Test
  void selectReordersAndRepeatsRowsInEveryColumnType() {
    FeatureTable s = sample().select(new int[] {2, 0, 2, 1});
    assertThat(s.rows()).isEqualTo(4);
    var age = s.column("age", FeatureTable.NumericColumn.class);
    assertThat(age.value(0)).isNaN();
    assertThat(age.value(1)).isEqualTo(30f);
    var city = s.column("city", FeatureTable.CategoricalColumn.class);
    assertThat(List.of(city.value(0), city.value(1), city.value(2))).containsOnly("Paris");
    assertThat(city.value(3)).isNull();
    var tags = s.column("tags", FeatureTable.MultiCategoricalColumn.class);
    assertThat(tags.codes(0)).containsExactly(2, 0, 3);
    assertThat(tags.codes(1)).containsExactly(0, 1);
    assertThat(tags.codes(2)).containsExactly(2, 0, 3);
    assertThat(tags.codes(3)).isEmpty();
    assertThat(s.column("title", FeatureTable.TextColumn.class).value(1)).isEqualTo("first");
    assertThat(sample().select(new int[0]).rows()).isZero();
  }

  @Test
  void predefinedVocabularyFixesCodesAndAFrozenOneRejectsNewValues() {
    IdIndex genres = IdIndex.of(List.of("a", "b", "c"));
    FeatureTable.Builder b =
        new FeatureTable.Builder().declare("g", FeatureType.MULTI_CATEGORICAL, genres);
    b.nextRow().add("g", "c").add("g", "a");
    var g = b.build().column("g", FeatureTable.MultiCategoricalColumn.class);
    assertThat(g.codes(0)).containsExactly(2, 0);
    assertThat(g.vocabulary().size()).isEqualTo(3);
    assertThatThrownBy(() -> b.add("g", "d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'d' is not in its vocabulary");
  }

  @Test
  void misuseIsReportedWithTheColumnName() {
    FeatureTable.Builder b =
        new FeatureTable.Builder().declare("n", FeatureType.NUMERIC).declare("t", FeatureType.TEXT);
    assertThatThrownBy(() -> b.set("n", 1f))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nextRow");
    assertThatThrownBy(() -> b.set("t", "too early"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nextRow");
    assertThatThrownBy(() -> b.declare("n", FeatureType.TEXT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'n' declared twice");
    b.nextRow();
    assertThatThrownBy(() -> b.declare("late", FeatureType.NUMERIC))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.set("missing", 1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no feature 'missing'");
    assertThatThrownBy(() -> b.set("n", "text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'n' is NUMERIC");
    assertThatThrownBy(() -> b.add("n", "v")).isInstanceOf(IllegalArgumentException.class);
    FeatureTable t = b.build();
    assertThatThrownBy(() -> t.column("n", FeatureTable.TextColumn.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'n' is NUMERIC");
    assertThatThrownBy(() -> t.column("x", FeatureTable.TextColumn.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no feature 'x'");
    assertThat(t.column("x")).isEmpty();
  }

  @Test
  void manyRowsGrowEveryColumn() {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare("n", FeatureType.NUMERIC)
            .declare("c", FeatureType.CATEGORICAL)
            .declare("m", FeatureType.MULTI_CATEGORICAL)
            .declare("t", FeatureType.TEXT);
    for (int r = 0; r < 1000; r++) {
      b.nextRow().set("n", r).set("c", "v" + (r % 7)).set("t", "row" + r);
      for (int k = 0; k < r % 3; k++) {
        b.add("m", "m" + k);
      }
    }
    FeatureTable t = b.build();
    assertThat(t.rows()).isEqualTo(1000);
    assertThat(t.column("n", FeatureTable.NumericColumn.class).value(999)).isEqualTo(999f);
    assertThat(t.column("c", FeatureTable.CategoricalColumn.class).value(999)).isEqualTo("v5");
    assertThat(t.column("t", FeatureTable.TextColumn.class).value(500)).isEqualTo("row500");
    var m = t.column("m", FeatureTable.MultiCategoricalColumn.class);
    assertThat(m.codes(998)).containsExactly(0, 1);
    assertThat(m.count(999)).isZero();
    assertThat(FeatureTable.empty(5).rows()).isEqualTo(5);
    assertThat(FeatureTable.empty(5).columns()).isEmpty();
  }
}
