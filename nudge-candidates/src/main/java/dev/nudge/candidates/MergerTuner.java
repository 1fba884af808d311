package dev.nudge.candidates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses a {@link CandidateMerger}'s fusion weights and RRF constant by coordinate ascent on
 * held-out users' recall: start from weights proportional to each source's own recall, then, one
 * source at a time, try its weight scaled by each factor of a small grid and keep the best, for a
 * few rounds, and finally try each RRF constant. Deterministic: ties keep the earlier setting.
 *
 * <p>Run it on a validation split (sources built without those interactions), never on the test
 * split whose recall is then reported.
 *
 * @param quotas the quotas every tried merger keeps (a policy choice, not tuned)
 * @param limit how many candidates the merged list holds (the recall cut-off)
 * @param rounds coordinate-ascent rounds, >= 1
 */
public record MergerTuner(Map<String, Integer> quotas, int limit, int rounds) {
  private static final double[] FACTORS = {0, 0.25, 0.5, 2, 4};
  private static final double[] FUSION_K = {5, 10, 20, 30, 60, 100};

  public MergerTuner {
    // Copies keep the caller's order: quotas are placed in priority order.
    quotas =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(quotas, "quotas")));
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
    }
  }

  /**
   * One held-out user: every source's list (best first) and the items the user went on to like.
   *
   * @param lists candidates per source name
   * @param positives held-out positive items, not empty
   */
  public record Example(Map<String, List<Candidate>> lists, Set<Integer> positives) {
    public Example {
      lists =
          Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(lists, "lists")));
      positives = Set.copyOf(Objects.requireNonNull(positives, "positives"));
      if (positives.isEmpty()) {
        throw new IllegalArgumentException("positives must not be empty");
      }
    }
  }

  /**
   * The chosen merger and its validation recall.
   *
   * @param merger quotas as given, tuned weights and constant
   * @param recall mean recall@limit of the merged lists over the examples
   * @param sourceRecall each source's own recall@limit over the examples
   */
  public record Tuned(CandidateMerger merger, double recall, Map<String, Double> sourceRecall) {}

  /** Tunes on {@code examples}; the sources are those named in the first example. */
  public Tuned tune(List<Example> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("examples must not be empty");
    }
    List<String> names = new ArrayList<>(new java.util.TreeSet<>(examples.get(0).lists().keySet()));
    Map<String, Double> own = sourceRecall(examples);
    double top = own.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String s : names) {
      weights.put(s, top > 0 ? own.get(s) / top : 1.0);
    }
    double k = 60;
    double best = recall(new CandidateMerger(quotas, k, weights), examples);
    for (int round = 0; round < rounds; round++) {
      boolean improved = false;
      for (String s : names) {
        double base = weights.get(s);
        for (double f : FACTORS) {
          // A zero weight can only be revived from zero by the others' rescaling: try 0.1 too.
          double w = base == 0 ? f * 0.1 : base * f;
          Map<String, Double> trial = new LinkedHashMap<>(weights);
          trial.put(s, w);
          double r = recall(new CandidateMerger(quotas, k, trial), examples);
          if (r > best) {
            best = r;
            weights = trial;
            improved = true;
          }
        }
      }
      for (double kk : FUSION_K) {
        double r = recall(new CandidateMerger(quotas, kk, weights), examples);
        if (r > best) {
          best = r;
          k = kk;
          improved = true;
        }
      }
      if (!improved) {
        break;
      }
    }
    return new Tuned(new CandidateMerger(quotas, k, weights), best, own);
  }

  /** Each source's own mean recall@limit over {@code examples}, by the first example's names. */
  public Map<String, Double> sourceRecall(List<Example> examples) {
    Map<String, Double> own = new LinkedHashMap<>();
    if (examples.isEmpty()) {
      return own;
    }
    for (String s : examples.get(0).lists().keySet()) {
      double sum = 0;
      for (Example e : examples) {
        sum += hits(e.lists().getOrDefault(s, List.of()), limit, e.positives());
      }
      own.put(s, sum / examples.size());
    }
    return own;
  }

  /** Mean recall@limit of {@code merger} over {@code examples}. */
  public double recall(CandidateMerger merger, List<Example> examples) {
    double sum = 0;
    for (Example e : examples) {
      sum += hits(merger.merge(e.lists(), limit).candidates(), limit, e.positives());
    }
    return sum / examples.size();
  }

  private static double hits(List<Candidate> list, int limit, Set<Integer> positives) {
    int h = 0;
    for (int i = 0; i < Math.min(limit, list.size()); i++) {
      h += positives.contains(list.get(i).item()) ? 1 : 0;
    }
    return h / (double) positives.size();
  }
}
