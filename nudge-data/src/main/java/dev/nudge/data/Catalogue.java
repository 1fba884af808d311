package dev.nudge.data;

import java.util.Objects;

/**
 * The items (nudges) a policy can choose from: ids, typed features, topics and display text. Topics
 * are a set per item over a topic vocabulary (genres, news categories, nudge families); the first
 * topic of an item is its primary topic, which two-stage exploration groups by. Immutable.
 *
 * @param ids item ids and their dense keys
 * @param features one row per item key
 * @param topics one row per item key; may have no values for an item
 * @param text display text per item (a title), null where absent
 */
public record Catalogue(
    IdIndex ids,
    FeatureTable features,
    FeatureTable.MultiCategoricalColumn topics,
    FeatureTable.TextColumn text) {

  public Catalogue {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(text, "text");
    ids = ids.freeze();
    int n = ids.size();
    if (features.rows() != n || topics.rows() != n || text.rows() != n) {
      throw new IllegalArgumentException(
          "catalogue of "
              + n
              + " items has "
              + features.rows()
              + " feature rows, "
              + topics.rows()
              + " topic rows and "
              + text.rows()
              + " text rows");
    }
  }

  /**
   * Builds a catalogue from a table that holds a "topics" multi-categorical column and a "text"
   * column.
   */
  public static Catalogue of(IdIndex ids, FeatureTable table) {
    FeatureTable.MultiCategoricalColumn topics =
        table.column(TOPICS, FeatureTable.MultiCategoricalColumn.class);
    FeatureTable.TextColumn text = table.column(TEXT, FeatureTable.TextColumn.class);
    return new Catalogue(ids, table, topics, text);
  }

  /** Name of the topics column in a catalogue's feature table. */
  public static final String TOPICS = "topics";

  /** Name of the display-text column in a catalogue's feature table. */
  public static final String TEXT = "text";

  public int size() {
    return ids.size();
  }

  /** The item's primary topic key, or -1 when it has none. */
  public int primaryTopic(int item) {
    return topics.first(item);
  }

  /** How many topics the catalogue's vocabulary holds. */
  public int topicCount() {
    return topics.vocabulary().size();
  }

  public String text(int item) {
    return text.value(item);
  }

  /** A catalogue of {@code n} items with ids "0".."n-1" and no features. */
  public static Catalogue anonymous(int n) {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(TEXT, FeatureType.TEXT);
    for (int i = 0; i < n; i++) {
      b.nextRow();
    }
    return of(IdIndex.range(n), b.build());
  }
}
