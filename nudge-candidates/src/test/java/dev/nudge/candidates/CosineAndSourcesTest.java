package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.data.InteractionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class CosineAndSourcesTest {
  // 4 users, 5 items. Item 4 is never interacted with.
  static final int[][] LISTS = {{0, 1, 2}, {0, 1}, {1, 2, 3}, {0, 3}};

  @Test
  void cosineMatchesTheClosedForm() {
    ItemNeighbours n = new CosineSimilarity(10, 0, 2).build(InteractionGraph.ofLists(5, LISTS));
    // U_0 = {0,1,3}, U_1 = {0,1,2}: overlap 2, cosine 2/3.
    assertThat(n.score(0, 1)).isCloseTo(2.0 / 3, within(1e-6));
    // U_2 = {0,2}, U_3 = {2,3}: overlap 1, cosine 1/2.
    assertThat(n.score(2, 3)).isCloseTo(0.5, within(1e-6));
    assertThat(n.score(0, 4)).isZero();
    assertThat(n.neighbours(0)[0]).isEqualTo(1);
  }

  @Test
  void neighbourSourceSumsSimilaritiesAndSkipsHistory() {
    ItemNeighbours n = new CosineSimilarity(10, 0, 1).build(InteractionGraph.ofLists(5, LISTS));
    NeighbourSource source = new NeighbourSource("item-cf", n, 10);
    List<Candidate> out = source.retrieve(new CandidateQuery(0, new int[] {0, 1}, -1, null), 10);
    assertThat(out).extracting(Candidate::item).doesNotContain(0, 1).contains(2, 3);
    Candidate two = out.stream().filter(c -> c.item() == 2).findFirst().orElseThrow();
    assertThat(two.score()).isCloseTo(n.score(0, 2) + n.score(1, 2), within(1e-6));
    assertThat(out).allMatch(c -> c.source().equals("item-cf"));
    assertThat(source.retrieve(CandidateQuery.coldUser(-1), 10)).isEmpty();
  }

  @Test
  void popularityOverallAndPerSegment() {
    InteractionGraph g = InteractionGraph.ofLists(5, LISTS);
    PopularitySource overall = PopularitySource.overall(g, 10);
    // Degrees: item0 3, item1 3, item2 2, item3 2; ties go to the smaller key.
    assertThat(overall.retrieve(CandidateQuery.coldUser(-1), 3))
        .extracting(Candidate::item)
        .containsExactly(0, 1, 2);
    // Segment 0 = users 2 and 3 (items 1,2,3 and 0,3): item 3 leads there.
    PopularitySource seg = PopularitySource.perSegment(g, new int[] {1, 1, 0, 0}, 2, 0.5, 10);
    assertThat(seg.retrieve(CandidateQuery.coldUser(0), 1).get(0).item()).isEqualTo(3);
    assertThat(seg.retrieve(CandidateQuery.coldUser(1), 1).get(0).item()).isIn(0, 1);
    assertThat(seg.retrieve(new CandidateQuery(2, new int[] {3}, 0, null), 5))
        .extracting(Candidate::item)
        .doesNotContain(3, 4);
    assertThatThrownBy(() -> PopularitySource.perSegment(g, new int[] {0, 0, 0}, 1, 0, 10))
        .hasMessageContaining("3 entries for 4 users");
    assertThatThrownBy(() -> PopularitySource.perSegment(g, new int[] {0, 0, 0, 5}, 2, 0, 10))
        .hasMessageContaining("segmentOfUser[3]");
  }

  @Test
  void trendingWeighsRecentInteractionsMore() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    long day = 86_400;
    // Item 0: three old interactions; item 1: two fresh ones.
    b.add(0, 0, 0, 1);
    b.add(1, 0, 0, 1);
    b.add(2, 0, 0, 1);
    b.add(0, 1, 10 * day, 1);
    b.add(1, 1, 10 * day, 1);
    b.add(2, 2, 10 * day, 0);
    InteractionLog log = b.build();
    List<Candidate> out =
        TrendingSource.of(log, 3, day, 4, 10).retrieve(CandidateQuery.coldUser(-1), 3);
    assertThat(out).extracting(Candidate::item).containsExactly(1, 0);
    assertThat(out.get(0).score()).isCloseTo(2.0, within(1e-9));
    assertThat(out.get(1).score()).isCloseTo(3 * Math.pow(2, -10), within(1e-9));
    assertThatThrownBy(() -> TrendingSource.of(log, 3, 0, 4, 10)).hasMessageContaining("halfLife");
  }

  @Test
  void graphFromLogDeduplicatesAndKeepsTimeOrder() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    b.add(0, 2, 30, 5);
    b.add(0, 1, 10, 4);
    b.add(0, 2, 40, 5);
    b.add(0, 0, 20, 2); // below the threshold
    b.add(1, 1, 5, 5);
    InteractionGraph g = InteractionGraph.of(b.build(), 2, 3, 4);
    assertThat(g.history(0)).containsExactly(1, 2);
    assertThat(g.usersOf(1)).containsExactly(0, 1);
    assertThat(g.edges()).isEqualTo(3);
    assertThat(g.history(-1)).isEmpty();
    InteractionLog.Builder bad = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    bad.add(0, 7, 1, 5);
    assertThatThrownBy(() -> InteractionGraph.of(bad.build(), 2, 3, 4))
        .hasMessageContaining("item key 7");
  }

  @Test
  void queryRejectsBadInput() {
    assertThatThrownBy(() -> new CandidateQuery(-2, null, -1, null)).hasMessageContaining("user");
    assertThatThrownBy(() -> new CandidateQuery(0, new int[] {-1}, -1, null))
        .hasMessageContaining("history[0]");
    assertThatThrownBy(() -> new CandidateQuery(0, null, -1, new float[] {Float.NaN}))
        .hasMessageContaining("embedding[0]");
    assertThatThrownBy(() -> new Candidate(-1, "x", 1)).hasMessageContaining("item");
  }
}
