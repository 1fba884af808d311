package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
  void weightsScaleEachSourcesFusedShare() {
    Map<String, List<Candidate>> lists = new LinkedHashMap<>();
    lists.put("a", list("a", 1, 2, 3));
    lists.put("b", list("b", 4, 5, 6));
    // Weight 3 on b: its rank 2 (3/63) beats a's rank 0 (1/61), so b's items come first.
    CandidateMerger merger = new CandidateMerger(Map.of(), 60, Map.of("b", 3.0));
    CandidateMerger.Merge m = merger.merge(lists, 4);
    assertThat(m.candidates()).extracting(Candidate::item).containsExactly(4, 5, 6, 1);
    assertThat(m.candidates().get(0).score()).isCloseTo(3.0 / 61, within(1e-12));
    assertThat(merger.weight("a")).isEqualTo(1.0);
    // Weight 0: the source only fills slots nobody else wants, in its own order.
    CandidateMerger off = new CandidateMerger(Map.of(), 60, Map.of("a", 0.0));
    assertThat(off.merge(lists, 5).candidates())
        .extracting(Candidate::item)
        .containsExactly(4, 5, 6, 1, 2);
  }

  @Test
  void tunerPrefersTheInformativeSourceAndBeatsEachSource() {
    // Source "good" ranks the user's positive first; "noise" proposes unrelated items; "half"
    // finds the positives of even users only. Limit 2: equal RRF weights would let "noise"
    // crowd out "half"'s hits.
    List<MergerTuner.Example> examples = new java.util.ArrayList<>();
    for (int u = 0; u < 40; u++) {
      int pos = 1000 + u;
      int pos2 = 2000 + u;
      Map<String, List<Candidate>> lists = new LinkedHashMap<>();
      lists.put("good", list("good", pos, 1, 2));
      lists.put("noise", list("noise", 3, 4, 5));
      lists.put("half", u % 2 == 0 ? list("half", pos2, 6) : list("half", 7, 8));
      examples.add(new MergerTuner.Example(lists, java.util.Set.of(pos, pos2)));
    }
    MergerTuner tuner = new MergerTuner(Map.of(), 2, 3);
    MergerTuner.Tuned tuned = tuner.tune(examples);
    assertThat(tuned.sourceRecall())
        .containsEntry("good", 0.5)
        .containsEntry("noise", 0.0)
        .containsEntry("half", 0.25);
    // Best possible at 2 slots: good's hit for all, half's hit for even users = 0.75.
    assertThat(tuned.recall()).isCloseTo(0.75, within(1e-12));
    assertThat(tuner.recall(tuned.merger(), examples)).isEqualTo(tuned.recall());
    assertThat(tuned.merger().weight("noise")).isLessThan(tuned.merger().weight("good"));
    assertThat(tuner.recall(new CandidateMerger(Map.of(), 60), examples)).isLessThan(0.75);
    assertThatThrownBy(() -> tuner.tune(List.of())).hasMessageContaining("examples");
    assertThatThrownBy(() -> new MergerTuner(Map.of(), 0, 1)).hasMessageContaining("limit");
    assertThatThrownBy(() -> new MergerTuner.Example(Map.of(), java.util.Set.of()))
        .hasMessageContaining("positives");
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> new CandidateMerger(Map.of(), 60, Map.of("y", -0.5)))
        .hasMessageContaining("weight of source 'y' must be finite and >= 0, got -0.5");
    assertThatThrownBy(() -> new CandidateMerger(Map.of("x", -1), 60))
        .hasMessageContaining("quota of source 'x'");
    assertThatThrownBy(() -> new CandidateMerger(Map.of(), 0)).hasMessageContaining("fusionK");
    assertThatThrownBy(() -> new CandidateMerger(Map.of(), 60).merge(Map.of(), -1))
        .hasMessageContaining("limit");
  }
}
