package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateMergerTest {

  static List<Candidate> list(String source, int... items) {
    return java.util.stream.IntStream.range(0, items.length)
        .mapToObj(k -> new Candidate(items[k], source, items.length - k))
        .toList();
  }

  static Map<String, Integer> quotas() {
    Map<String, Integer> q = new LinkedHashMap<>();
    q.put("content", 2);
    q.put("swing", 1);
    return q;
  }

  @Test
  void quotasGuaranteeSlotsAndDuplicatesAreKeptOnce() {
    Map<String, List<Candidate>> lists = new LinkedHashMap<>();
    lists.put("swing", list("swing", 1, 2, 3, 4, 5, 6));
    lists.put("popular", list("popular", 2, 1, 7, 8));
    lists.put("content", list("content", 9, 10));
    CandidateMerger merger = new CandidateMerger(quotas(), 60);
    CandidateMerger.Merge m = merger.merge(lists, 5);
    List<Integer> items = m.candidates().stream().map(Candidate::item).toList();
    assertThat(items).hasSize(5).doesNotHaveDuplicates().contains(9, 10, 1);
    // 1 and 2 are proposed by two sources each: they beat single-source items in the fill.
    assertThat(items).contains(2);
    // Item 2 is ranked 0 by popular and 1 by swing: attributed to popular.
    assertThat(
            m.candidates().stream().filter(c -> c.item() == 2).findFirst().orElseThrow().source())
        .isEqualTo("popular");
    assertThat(m.duplicates()).extracting(Candidate::item).containsExactlyInAnyOrder(1, 2);
    // Ordered by fused score: items proposed twice come first.
    assertThat(items.subList(0, 2)).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void fillsByFusedRankWithoutQuotas() {
    Map<String, List<Candidate>> lists = new LinkedHashMap<>();
    lists.put("a", list("a", 1, 2, 3));
    lists.put("b", list("b", 3, 4, 5));
    CandidateMerger.Merge m = new CandidateMerger(Map.of(), 60).merge(lists, 3);
    // Fused: 3 = 1/63 + 1/61 beats every single proposal; then 1 (1/61); 2 and 4 tie at 1/62
    // and the smaller key wins.
    assertThat(m.candidates()).extracting(Candidate::item).containsExactly(3, 1, 2);
    assertThat(new CandidateMerger(Map.of(), 60).merge(lists, 0).candidates()).isEmpty();
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> new CandidateMerger(Map.of("x", -1), 60))
        .hasMessageContaining("quota of source 'x'");
    assertThatThrownBy(() -> new CandidateMerger(Map.of(), 0)).hasMessageContaining("fusionK");
    assertThatThrownBy(() -> new CandidateMerger(Map.of(), 60).merge(Map.of(), -1))
        .hasMessageContaining("limit");
  }
}
