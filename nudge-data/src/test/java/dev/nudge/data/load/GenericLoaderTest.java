package dev.nudge.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.InteractionLog;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The generic format, as documented in docs/data-formats.md. */
class GenericLoaderTest {

  @Test
  void csvWithItemsUsersAndContext() {
    Dataset d = new GenericLoader().load(Fixtures.dir("generic/csv"));
    assertThat(d.items().size()).isEqualTo(4); // "unused" stays in the catalogue
    assertThat(d.items().text(0)).isEqualTo("Save for a goal, monthly");
    var vocab = d.items().topics().vocabulary();
    assertThat(vocab.id(d.items().primaryTopic(0))).isEqualTo("saving");
    assertThat(d.items().topics().count(0)).isEqualTo(2);
    assertThat(d.items().primaryTopic(2)).isEqualTo(-1);
    var price = d.items().features().column("price", FeatureTable.NumericColumn.class);
    assertThat(price.value(1)).isEqualTo(12.5f);
    assertThat(price.value(2)).isNaN();
    var kind = d.items().features().column("kind", FeatureTable.CategoricalColumn.class);
    assertThat(kind.value(3)).isEqualTo("tip");

    assertThat(d.users().size()).isEqualTo(3);
    var age = d.users().features().column("age", FeatureTable.NumericColumn.class);
    assertThat(age.value(1)).isEqualTo(51f);
    assertThat(age.value(2)).isNaN();

    InteractionLog log = d.interactions();
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.RATING);
    assertThat(log.size()).isEqualTo(4);
    assertThat(log.time(0)).isEqualTo(Instant.parse("2024-03-01T08:30:00Z").getEpochSecond());
    assertThat(log.time(1)).isEqualTo(1709290800L);
    assertThat(log.time(2)).isEqualTo(Instant.parse("2024-03-02T00:00:00Z").getEpochSecond());
    assertThat(log.time(3)).isEqualTo(Instant.parse("2024-03-02T10:00:00Z").getEpochSecond());
    assertThat(log.value(1)).isEqualTo(2.5f);
    assertThat(log.propensity(2)).hasValue(0.125);
    assertThat(log.position(3)).isEqualTo(2);
    assertThat(log.impression(0)).isEqualTo(log.impression(1));
    assertThat(log.impression(2)).isNotEqualTo(log.impression(0));
    var hour = log.context().column("hour", FeatureTable.NumericColumn.class);
    assertThat(hour.value(3)).isEqualTo(23f);
    assertThat(hour.value(2)).isNaN();
    var device = log.context().column("device", FeatureTable.CategoricalColumn.class);
    assertThat(device.value(1)).isEqualTo("android");
    assertThat(device.value(3)).isNull();
  }

  @Test
  void implicitInteractionsWithoutItemsOrUsersFiles() {
    Dataset d = new GenericLoader().load(Fixtures.dir("generic/implicit"));
    assertThat(d.items().ids().ids()).containsExactly("x", "y");
    assertThat(d.users().ids().ids()).containsExactly("a", "b");
    InteractionLog log = d.interactions();
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.LABEL);
    assertThat(log.value(0)).isEqualTo(1f); // every row is a positive
    assertThat(log.hasPropensities()).isFalse();
    assertThat(log.context().columns()).isEmpty();
  }

  @Test
  void jsonlWithItemsJson() {
    Dataset d = new GenericLoader().load(Fixtures.dir("generic/jsonl"));
    assertThat(d.items().size()).isEqualTo(2);
    var isNew = d.items().features().column("new", FeatureTable.CategoricalColumn.class);
    assertThat(isNew.value(1)).isEqualTo("true");
    assertThat(isNew.value(0)).isNull();
    var price = d.items().features().column("price", FeatureTable.NumericColumn.class);
    assertThat(price.value(1)).isEqualTo(12.5f);
    assertThat(d.items().topics().count(0)).isEqualTo(2);

    InteractionLog log = d.interactions();
    assertThat(log.size()).isEqualTo(3); // the blank line is skipped
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.LABEL);
    assertThat(log.value(1)).isEqualTo(0f);
    assertThat(log.propensity(0).getAsDouble()).isEqualTo((double) 0.2f);
    assertThat(log.propensity(1).getAsDouble()).isNaN();
    var hour = log.context().column("hour", FeatureTable.NumericColumn.class);
    assertThat(hour.value(1)).isEqualTo(11f);
    assertThat(hour.value(2)).isNaN();
    var device = log.context().column("device", FeatureTable.CategoricalColumn.class);
    assertThat(device.value(2)).isEqualTo("web");
    assertThat(d.users().ids().ids()).containsExactly("u1", "u2");
  }
}
