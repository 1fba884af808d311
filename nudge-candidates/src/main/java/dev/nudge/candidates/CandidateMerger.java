package dev.nudge.candidates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines several sources' lists into one short list. Two passes:
 *
 * <ol>
 *   <li>quotas: in source order, each source places up to its quota of its best items not already
 *       placed, so a source that is weak on average still gets its few (say cold or trending) items
 *       through;
 *   <li>fill: the remaining slots go to the best leftover items by reciprocal rank fusion, {@code
 *       sum over sources of 1 / (k + rank)}, which rewards items several sources agree on without
 *       comparing the sources' incomparable raw scores.
 * </ol>
 *
 * An item proposed by several sources is kept once, attributed to the source that ranked it best;
 * the other proposals are reported as duplicates. The output is ordered by fused score.
 *
 * @param quotas the minimum number of slots per source name, in priority order
 * @param fusionK the RRF constant k (60 in Cormack et al.), > 0
 */
public record CandidateMerger(Map<String, Integer> quotas, double fusionK) {

  public CandidateMerger {
    Objects.requireNonNull(quotas, "quotas");
    quotas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quotas));
    for (Map.Entry<String, Integer> e : quotas.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(
            "quota of source '" + e.getKey() + "' must be >= 0, got " + e.getValue());
      }
    }
    if (!(fusionK > 0) || Double.isInfinite(fusionK)) {
      throw new IllegalArgumentException("fusionK must be finite and > 0, got " + fusionK);
    }
  }

  /**
   * The merged list and what was removed.
   *
   * @param candidates kept candidates, best fused score first; score is the fused score
   * @param duplicates proposals of an item already kept from another source
   */
  public record Merge(List<Candidate> candidates, List<Candidate> duplicates) {
    public Merge {
      candidates = List.copyOf(candidates);
      duplicates = List.copyOf(duplicates);
    }
  }

  /**
   * Merges per-source lists (each best first) into at most {@code limit} distinct items.
   *
   * @param lists candidates per source name, in any order; sources without a quota get none
   *     reserved but still take part in the fill
   */
  public Merge merge(Map<String, List<Candidate>> lists, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    Map<Integer, Double> fused = new HashMap<>();
    Map<Integer, Candidate> best = new HashMap<>();
    Map<Integer, Integer> bestRank = new HashMap<>();
    List<Candidate> duplicates = new ArrayList<>();
    for (Map.Entry<String, List<Candidate>> e : lists.entrySet()) {
      List<Candidate> list = e.getValue();
      for (int rank = 0; rank < list.size(); rank++) {
        Candidate c = list.get(rank);
        fused.merge(c.item(), 1.0 / (fusionK + rank + 1), Double::sum);
        Integer prev = bestRank.get(c.item());
        if (prev == null || rank < prev) {
          if (prev != null) {
            duplicates.add(best.get(c.item()));
          }
          best.put(c.item(), c);
          bestRank.put(c.item(), rank);
        } else {
          duplicates.add(c);
        }
      }
    }
    LinkedHashMap<Integer, Candidate> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> q : quotas.entrySet()) {
      List<Candidate> list = lists.getOrDefault(q.getKey(), List.of());
      int placed = 0;
      for (int k = 0; k < list.size() && placed < q.getValue() && kept.size() < limit; k++) {
        int item = list.get(k).item();
        if (!kept.containsKey(item)) {
          kept.put(item, best.get(item));
          placed++;
        }
      }
    }
    List<Integer> rest = new ArrayList<>(fused.keySet());
    rest.removeIf(kept::containsKey);
    rest.sort(
        (a, b) -> {
          int c = Double.compare(fused.get(b), fused.get(a));
          return c != 0 ? c : Integer.compare(a, b);
        });
    for (int k = 0; k < rest.size() && kept.size() < limit; k++) {
      kept.put(rest.get(k), best.get(rest.get(k)));
    }
    List<Candidate> out = new ArrayList<>(kept.size());
    for (Candidate c : kept.values()) {
      out.add(new Candidate(c.item(), c.source(), fused.get(c.item())));
    }
    out.sort(
        (a, b) -> {
          int c = Double.compare(b.score(), a.score());
          return c != 0 ? c : Integer.compare(a.item(), b.item());
        });
    return new Merge(out, duplicates);
  }
}
