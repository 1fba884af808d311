package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.data.Catalogue;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSourceTest {

  static Catalogue catalogue() {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT);
    String[][] topics = {{"sci-fi"}, {"sci-fi", "action"}, {"romance"}, {"sci-fi"}, {"drama"}};
    String[] titles = {"Star Wars", "Star Trek", "Notting Hill", "Alien Stars", "The Piano"};
    for (int i = 0; i < topics.length; i++) {
      b.nextRow();
      for (String t : topics[i]) {
        b.add(Catalogue.TOPICS, t);
      }
      b.set(Catalogue.TEXT, titles[i]);
    }
    return Catalogue.of(IdIndex.range(topics.length), b.build());
  }

  @Test
  void coldItemsSimilarInContentComeFirst() {
    // Items 0-2 are warm; 3 (sci-fi, "stars") and 4 (drama) are cold.
    ContentSource source = ContentSource.of(catalogue(), new int[] {50, 40, 30, 0, 0}, 1, true);
    List<Candidate> out = source.retrieve(new CandidateQuery(0, new int[] {0}, -1, null), 5);
    assertThat(out).extracting(Candidate::item).containsExactly(3);
    assertThat(out.get(0).source()).isEqualTo("content");
    ContentSource all = ContentSource.of(catalogue(), new int[] {50, 40, 30, 0, 0}, 1, false);
    List<Candidate> warm = all.retrieve(new CandidateQuery(0, new int[] {0}, -1, null), 5);
    // Item 1 shares a topic and the word "star" with item 0; item 3 only the topic.
    assertThat(warm).extracting(Candidate::item).containsExactly(1, 3);
    assertThat(all.retrieve(CandidateQuery.coldUser(-1), 5)).isEmpty();
  }

  @Test
  void rejectsMismatchedCounts() {
    assertThatThrownBy(() -> ContentSource.of(catalogue(), new int[2], 1, true))
        .hasMessageContaining("2 entries for 5 items");
  }
}
