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
 *   <li>fill: the remaining slots go to the best leftover items by weighted reciprocal rank fusion,
 *       {@code sum over sources of w_source / (k + rank)}, which rewards items several sources
 *       agree on without comparing the sources' incomparable raw scores. The weights say how much
 *       each source is worth: with equal weights a weak source (popularity) pushes out the strong
 *       ones' items, so they are chosen on held-out data ({@link MergerTuner}).
 * </ol>
 *
 * An item proposed by several sources is kept once, attributed to the source that ranked it best;
 * the other proposals are reported as duplicates. The output is ordered by fused score.
 *
 * @param quotas the minimum number of slots per source name, in priority order
 * @param fusionK the RRF constant k (60 in Cormack et al.), > 0
 * @param weights the fusion weight per source name, finite and >= 0; a source not listed weighs 1
 */
public record CandidateMerger(
    Map<String, Integer> quotas, double fusionK, Map<String, Double> weights) {

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
    Objects.requireNonNull(weights, "weights");
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      Double w = e.getValue();
      if (w == null || !(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "weight of source '" + e.getKey() + "' must be finite and >= 0, got " + w);
      }
    }
  }

  /** Plain reciprocal rank fusion: every source weighs 1. */
  public CandidateMerger(Map<String, Integer> quotas, double fusionK) {
    this(quotas, fusionK, Map.of());
  }

  /** The fusion weight of a source: its entry in {@link #weights()}, else 1. */
  public double weight(String source) {
    return weights.getOrDefault(source, 1.0);
  }

  /** Best fused score first, then the smaller item key. */
  private static final java.util.Comparator<Slot> BY_FUSED =
      (a, b) -> {
        int c = Double.compare(b.fused, a.fused);
        return c != 0 ? c : Integer.compare(a.best.item(), b.best.item());
      };

  /** What the merge knows about one distinct item. */
  private static final class Slot {
    Candidate best;
    int bestRank;
    double fused;

    Slot(Candidate best, int bestRank, double fused) {
      this.best = best;
      this.bestRank = bestRank;
      this.fused = fused;
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
    // One map entry per distinct item (boxing once, not three times per proposal).
    Map<Integer, Slot> slots = new HashMap<>();
    List<Candidate> duplicates = new ArrayList<>();
    for (Map.Entry<String, List<Candidate>> e : lists.entrySet()) {
      List<Candidate> list = e.getValue();
      double w = weight(e.getKey());
      for (int rank = 0; rank < list.size(); rank++) {
        Candidate c = list.get(rank);
        Slot slot = slots.get(c.item());
        if (slot == null) {
          slots.put(c.item(), new Slot(c, rank, w / (fusionK + rank + 1)));
          continue;
        }
        slot.fused += w / (fusionK + rank + 1);
        if (rank < slot.bestRank) {
          duplicates.add(slot.best);
          slot.best = c;
          slot.bestRank = rank;
        } else {
          duplicates.add(c);
        }
      }
    }
    LinkedHashMap<Integer, Slot> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> q : quotas.entrySet()) {
      List<Candidate> list = lists.getOrDefault(q.getKey(), List.of());
      int placed = 0;
      for (int k = 0; k < list.size() && placed < q.getValue() && kept.size() < limit; k++) {
        int item = list.get(k).item();
        if (!kept.containsKey(item)) {
          kept.put(item, slots.get(item));
          placed++;
        }
      }
    }
    if (kept.size() < limit) {
      List<Slot> rest = new ArrayList<>(slots.size());
      for (Slot slot : slots.values()) {
        if (!kept.containsKey(slot.best.item())) {
          rest.add(slot);
        }
      }
      rest.sort(BY_FUSED);
      for (int k = 0; k < rest.size() && kept.size() < limit; k++) {
        kept.put(rest.get(k).best.item(), rest.get(k));
      }
    }
    List<Slot> chosen = new ArrayList<>(kept.values());
    chosen.sort(BY_FUSED);
    List<Candidate> out = new ArrayList<>(chosen.size());
    for (Slot slot : chosen) {
      out.add(new Candidate(slot.best.item(), slot.best.source(), slot.fused));
    }
    return new Merge(out, duplicates);
  }
}
