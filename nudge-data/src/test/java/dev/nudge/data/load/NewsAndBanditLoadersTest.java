package dev.nudge.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.InteractionLog;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** MIND and the Open Bandit Dataset on small fixtures. */
class NewsAndBanditLoadersTest {

  @Test
  void mindImpressionsBecomeLabelsAndHistoryStaysAUserFeature() {
    Dataset d = new MindLoader().load(Fixtures.dir("mind/good"));
    assertThat(d.items().size()).isEqualTo(4);
    var topics = d.items().topics();
    // category first, subcategory second; "finance/finance" is one topic.
    assertThat(topics.vocabulary().id(d.items().primaryTopic(1))).isEqualTo("sports");
    assertThat(topics.vocabulary().id(topics.codes(1)[1])).isEqualTo("football_nfl");
    assertThat(topics.count(2)).isEqualTo(1);
    assertThat(d.items().text(0)).isEqualTo("Budget deal reached");
    var abs = d.items().features().column(MindLoader.ABSTRACT, FeatureTable.TextColumn.class);
    assertThat(abs.value(0)).isEqualTo("Lawmakers agree.");
    assertThat(abs.value(1)).isNull();

    InteractionLog log = d.interactions();
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.LABEL);
    assertThat(log.size()).isEqualTo(6); // 3 + 2 + 1 impression entries; history adds none
    assertThat(d.items().ids().id(log.item(0))).isEqualTo("N2");
    assertThat(log.value(0)).isEqualTo(1f);
    assertThat(log.value(1)).isEqualTo(0f);
    assertThat(log.impression(0)).isEqualTo(1);
    assertThat(log.impression(4)).isEqualTo(2);
    assertThat(log.time(0)).isEqualTo(Instant.parse("2019-11-11T09:05:58Z").getEpochSecond());
    assertThat(log.time(3)).isEqualTo(Instant.parse("2019-11-12T13:14:05Z").getEpochSecond());
    assertThat(log.time(5)).isEqualTo(Instant.parse("2019-11-13T23:59:59Z").getEpochSecond());

    assertThat(d.users().ids().ids()).containsExactly("U7", "U8");
    var history =
        d.users().features().column(MindLoader.HISTORY, FeatureTable.MultiCategoricalColumn.class);
    // History codes are item keys of the catalogue.
    assertThat(history.codes(0))
        .containsExactly(d.items().ids().indexOf("N1"), d.items().ids().indexOf("N3"));
    assertThat(history.count(1)).isZero();
    assertThat(history.vocabulary().size()).isEqualTo(d.items().size());
  }

  @Test
  void openBanditRowsKeepPropensityPositionAndContext() {
    Dataset d = new OpenBanditLoader().load(Fixtures.dir("obd/mini"));
    assertThat(d.name()).isEqualTo("obd/obd/mini");
    assertThat(d.items().size()).isEqualTo(3);
    var f0 = d.items().features().column("item_feature_0", FeatureTable.NumericColumn.class);
    assertThat(f0.value(2)).isEqualTo(1.65f);
    var f1 = d.items().features().column("item_feature_1", FeatureTable.CategoricalColumn.class);
    assertThat(f1.value(1)).isEqualTo("h2");

    InteractionLog log = d.interactions();
    assertThat(log.size()).isEqualTo(4);
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.LABEL);
    assertThat(log.item(0)).isEqualTo(2);
    assertThat(log.position(0)).isEqualTo(2); // slot 3 -> 2
    assertThat(log.position(1)).isZero();
    assertThat(log.value(1)).isEqualTo(1f);
    assertThat(log.propensity(0).getAsDouble()).isEqualTo((double) (float) (1.0 / 3));
    assertThat(log.time(0)).isEqualTo(Instant.parse("2019-11-24T00:03:13Z").getEpochSecond());
    assertThat(log.time(3)).isEqualTo(Instant.parse("2019-11-24T01:00:00Z").getEpochSecond());

    // Users are distinct user-feature profiles: (aa,b1), (aa,b2), (cc,b1).
    assertThat(d.users().size()).isEqualTo(3);
    assertThat(log.user(0)).isEqualTo(log.user(2));
    var uf1 = d.users().features().column("user_feature_1", FeatureTable.CategoricalColumn.class);
    assertThat(uf1.value(log.user(1))).isEqualTo("b2");

    FeatureTable ctx = log.context();
    assertThat(ctx.columns()).hasSize(5);
    assertThat(ctx.column("user_feature_0", FeatureTable.CategoricalColumn.class).value(3))
        .isEqualTo("cc");
    assertThat(ctx.column("user-item_affinity_2", FeatureTable.NumericColumn.class).value(3))
        .isEqualTo(15f);
  }
}
