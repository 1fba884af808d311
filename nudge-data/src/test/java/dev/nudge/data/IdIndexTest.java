package dev.nudge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdIndexTest {

  @Test
  void keysAreDenseInInsertionOrderAndAddIsIdempotent() {
    IdIndex index = new IdIndex();
    assertThat(index.add("b")).isZero();
    assertThat(index.add("a")).isEqualTo(1);
    assertThat(index.add("b")).isZero();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.id(1)).isEqualTo("a");
    assertThat(index.indexOf("a")).isEqualTo(1);
    assertThat(index.indexOf("zzz")).isEqualTo(-1);
    assertThat(index.contains("b")).isTrue();
    assertThat(index.ids()).containsExactly("b", "a");
  }

  @Test
  void freezeCopiesAndForbidsAdding() {
    IdIndex index = new IdIndex();
    index.add("x");
    IdIndex frozen = index.freeze();
    assertThat(frozen.isFrozen()).isTrue();
    assertThat(frozen.freeze()).isSameAs(frozen);
    index.add("y"); // the mutable original is independent of its frozen copy
    assertThat(frozen.size()).isEqualTo(1);
    assertThatThrownBy(() -> frozen.add("z"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("frozen");
    assertThatThrownBy(() -> frozen.ids().add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ofRejectsDuplicatesAndRangeNumbersFromZero() {
    assertThatThrownBy(() -> IdIndex.of(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate id 'a'");
    IdIndex range = IdIndex.range(3);
    assertThat(range.ids()).containsExactly("0", "1", "2");
    assertThat(range.isFrozen()).isTrue();
    assertThat(IdIndex.range(0).size()).isZero();
  }

  @Test
  void nullIdsAreRejectedWhenAdded() {
    assertThatThrownBy(() -> new IdIndex().add(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
  }

  @Test
  void unknownKeyIsAnError() {
    assertThatThrownBy(() -> IdIndex.range(2).id(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
