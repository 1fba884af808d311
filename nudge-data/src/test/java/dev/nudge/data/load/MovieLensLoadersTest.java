package dev.nudge.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.InteractionLog;
import org.junit.jupiter.api.Test;

/** The three MovieLens loaders on small fixtures written for them. */
class MovieLensLoadersTest {

  private static String topics(Catalogue c, String itemId) {
    int item = c.ids().indexOf(itemId);
    var vocab = c.topics().vocabulary();
    StringBuilder s = new StringBuilder();
    for (int code : c.topics().codes(item)) {
      s.append(s.isEmpty() ? "" : ",").append(vocab.id(code));
    }
    return s.toString();
  }

  @Test
  void ml100kFixture() {
    Dataset d = new MovieLens100kLoader().load(Fixtures.dir("ml-100k/good"));
    assertThat(d.name()).isEqualTo("ml-100k");
    assertThat(d.items().size()).isEqualTo(3);
    assertThat(d.users().size()).isEqualTo(2);
    Catalogue c = d.items();
    // Genres in u.genre order; without u.genre the standard 19 names are the vocabulary.
    assertThat(c.topicCount()).isEqualTo(19);
    assertThat(topics(c, "1")).isEqualTo("Animation,Children's,Comedy");
    assertThat(c.topics().vocabulary().id(c.primaryTopic(0))).isEqualTo("Animation");
    assertThat(c.text(1)).isEqualTo("Café Society (1995)"); // ISO-8859-1 0xE9
    var year = c.features().column(MovieLens100kLoader.YEAR, FeatureTable.NumericColumn.class);
    assertThat(year.value(0)).isEqualTo(1995f);
    assertThat(year.value(2)).isNaN(); // "unknown" has no date
    var zip =
        d.users().features().column(MovieLens100kLoader.ZIP, FeatureTable.CategoricalColumn.class);
    assertThat(zip.value(1)).isEqualTo("T8H1N");
    var age =
        d.users().features().column(MovieLens100kLoader.AGE, FeatureTable.NumericColumn.class);
    assertThat(age.value(0)).isEqualTo(24f);
    InteractionLog log = d.interactions();
    assertThat(log.size()).isEqualTo(4);
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.RATING);
    assertThat(d.users().ids().id(log.user(3))).isEqualTo("2");
    assertThat(c.ids().id(log.item(3))).isEqualTo("3");
    assertThat(log.value(3)).isEqualTo(1f);
    assertThat(log.time(3)).isEqualTo(876893119L);
  }

  @Test
  void ml1mFixture() {
    Dataset d = new MovieLens1mLoader().load(Fixtures.dir("ml-1m/good"));
    Catalogue c = d.items();
    assertThat(c.size()).isEqualTo(3);
    assertThat(topics(c, "1")).isEqualTo("Animation,Children's,Comedy");
    assertThat(topics(c, "3")).isEmpty(); // "(no genres listed)"
    assertThat(c.text(1)).isEqualTo("Amélie (2001)");
    var year = c.features().column(MovieLens100kLoader.YEAR, FeatureTable.NumericColumn.class);
    assertThat(year.value(1)).isEqualTo(2001f);
    assertThat(year.value(2)).isNaN();
    assertThat(d.users().size()).isEqualTo(2);
    var gender =
        d.users()
            .features()
            .column(MovieLens100kLoader.GENDER, FeatureTable.CategoricalColumn.class);
    assertThat(gender.value(0)).isEqualTo("F");
    assertThat(d.interactions().size()).isEqualTo(4);
    assertThat(d.interactions().value(1)).isEqualTo(3f);
  }

  @Test
  void tenMillionLayoutHasHalfStarsAndNoUsersFile() {
    Dataset d = new MovieLens1mLoader().load(Fixtures.dir("ml-1m/ten-m"));
    assertThat(d.users().ids().ids()).containsExactly("5", "9");
    assertThat(d.users().features().columns()).isEmpty();
    assertThat(d.interactions().value(0)).isEqualTo(4.5f);
    assertThat(d.interactions().value(1)).isEqualTo(0.5f);
    assertThat(d.interactions().user(2)).isZero();
  }

  @Test
  void csvReleaseWithQuotedTitlesGenresAndTags() {
    Dataset d = new MovieLensCsvLoader().load(Fixtures.dir("ml-csv/good"));
    Catalogue c = d.items();
    assertThat(c.size()).isEqualTo(4);
    assertThat(c.text(1)).isEqualTo("American President, The (1995)");
    assertThat(c.text(3)).isEqualTo("The \"Quoted\" Movie");
    assertThat(topics(c, "11")).isEqualTo("Comedy,Drama,Romance");
    assertThat(topics(c, "99")).isEmpty();
    var year = c.features().column(MovieLens100kLoader.YEAR, FeatureTable.NumericColumn.class);
    assertThat(year.value(2)).isEqualTo(1995f);
    assertThat(year.value(3)).isNaN();
    var tags =
        c.features().column(MovieLensCsvLoader.TAGS, FeatureTable.MultiCategoricalColumn.class);
    assertThat(tags.count(1)).isEqualTo(2); // "politics" twice counts once
    assertThat(tags.vocabulary().id(tags.codes(1)[1])).isEqualTo("funny, sort of");
    assertThat(tags.count(0)).isZero();
    assertThat(d.users().ids().ids()).containsExactly("1", "2", "3");
    InteractionLog log = d.interactions();
    assertThat(log.size()).isEqualTo(5);
    assertThat(log.value(1)).isEqualTo(3.5f);
    assertThat(log.value(2)).isEqualTo(0.5f);
    assertThat(c.ids().id(log.item(4))).isEqualTo("99");
  }
}
