package dev.nudge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

  static Catalogue twoItems() {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT)
            .declare("price", FeatureType.NUMERIC);
    b.nextRow().add(Catalogue.TOPICS, "savings").add(Catalogue.TOPICS, "goals");
    b.set(Catalogue.TEXT, "Save for a goal").set("price", 0f);
    b.nextRow().set("price", 2f);
    return Catalogue.of(IdIndex.of(List.of("s1", "b2")), b.build());
  }

  /** The two items above plus {@code extra} items with no features. */
  static Catalogue twoItemsPlus(int extra) {
    Catalogue c = twoItems();
    int[] keep = new int[2 + extra];
    keep[0] = 0;
    keep[1] = 1;
    for (int i = 2; i < keep.length; i++) {
      keep[i] = 1;
    }
    return Catalogue.of(IdIndex.range(keep.length), c.features().select(keep));
  }

  @Test
  void topicsTextAndPrimaryTopic() {
    Catalogue c = twoItems();
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.topicCount()).isEqualTo(2);
    assertThat(c.primaryTopic(0)).isZero();
    assertThat(c.topics().vocabulary().id(c.primaryTopic(0))).isEqualTo("savings");
    assertThat(c.primaryTopic(1)).isEqualTo(-1);
    assertThat(c.text(0)).isEqualTo("Save for a goal");
    assertThat(c.text(1)).isNull();
    assertThat(c.ids().indexOf("b2")).isEqualTo(1);
    assertThat(c.features().column("price", FeatureTable.NumericColumn.class).value(1))
        .isEqualTo(2f);
  }

  @Test
  void idsAreFrozenEvenWhenGivenMutable() {
    IdIndex ids = new IdIndex();
    ids.add("a");
    Catalogue c = Catalogue.anonymous(1);
    Catalogue d = new Catalogue(ids, c.features(), c.topics(), c.text());
    assertThat(d.ids().isFrozen()).isTrue();
    ids.add("b");
    assertThat(d.size()).isEqualTo(1);
  }

  @Test
  void anonymousCatalogueNumbersItemsWithNoTopics() {
    Catalogue c = Catalogue.anonymous(3);
    assertThat(c.ids().ids()).containsExactly("0", "1", "2");
    assertThat(c.topicCount()).isZero();
    assertThat(c.primaryTopic(2)).isEqualTo(-1);
  }

  @Test
  void rowCountsMustMatchTheIds() {
    Catalogue c = twoItems();
    assertThatThrownBy(() -> Catalogue.of(IdIndex.range(3), c.features()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("catalogue of 3 items has 2 feature rows");
    FeatureTable noTopics = FeatureTable.empty(2);
    assertThatThrownBy(() -> Catalogue.of(IdIndex.range(2), noTopics))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no feature 'topics'");
    assertThatThrownBy(() -> new Catalogue(null, c.features(), c.topics(), c.text()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("ids");
  }
}
