package dev.nudge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetTest {

  static InteractionLog log(int rows) {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    for (int r = 0; r < rows; r++) {
      b.add(r % 2, r % 3, r, 1f);
    }
    return b.build();
  }

  @Test
  void withInteractionsKeepsCatalogueAndUsers() {
    Dataset d =
        new Dataset("t", Catalogue.anonymous(3), UserTable.anonymous(IdIndex.range(2)), log(5));
    Dataset e = d.withInteractions(log(2));
    assertThat(e.items()).isSameAs(d.items());
    assertThat(e.users()).isSameAs(d.users());
    assertThat(e.interactions().size()).isEqualTo(2);
    assertThat(d.toString()).isEqualTo("Dataset[t: 2 users, 3 items, 5 interactions]");
  }

  @Test
  void partsAreRequired() {
    UserTable users = UserTable.anonymous(IdIndex.range(2));
    assertThatThrownBy(() -> new Dataset("t", null, users, log(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("items");
    assertThatThrownBy(() -> new Dataset("t", Catalogue.anonymous(1), users, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("interactions");
  }

  @Test
  void userTableRowsMustMatchIds() {
    assertThatThrownBy(() -> new UserTable(IdIndex.range(3), FeatureTable.empty(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 users but 2 feature rows");
    assertThat(UserTable.anonymous(IdIndex.range(4)).size()).isEqualTo(4);
  }
}
