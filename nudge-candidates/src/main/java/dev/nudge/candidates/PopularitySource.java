package dev.nudge.candidates;

import java.util.List;
import java.util.Objects;

/**
 * Most-interacted items, overall or within the user's segment (age band, region). The fallback for
 * new users, and a strong baseline on any data set. A segment's chart is blended with the overall
 * one ({@code count_s(i) + prior * share(i)}) so that small segments do not serve noise; users with
 * no (or an unknown) segment get the overall chart.
 */
public final class PopularitySource implements CandidateSource {
  private final String name;
  private final int items;
  private final RankedList overall;
  private final RankedList[] perSegment;

  private PopularitySource(String name, int items, RankedList overall, RankedList[] perSegment) {
    this.name = name;
    this.items = items;
    this.overall = overall;
    this.perSegment = perSegment;
  }

  /** Overall popularity: each item's number of distinct users. */
  public static PopularitySource overall(InteractionGraph graph, int depth) {
    double[] counts = new double[graph.items()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = graph.itemDegree(i);
    }
    return new PopularitySource("popular", graph.items(), RankedList.of(counts, depth), null);
  }

  /**
   * Popularity per segment.
   *
   * @param graph the interactions
   * @param segmentOfUser each user's segment key in 0..segments-1, or -1 for none
   * @param segments how many segments there are
   * @param prior pseudo-count of overall popularity mixed into each segment's chart, >= 0
   * @param depth how long each chart is
   */
  public static PopularitySource perSegment(
      InteractionGraph graph, int[] segmentOfUser, int segments, double prior, int depth) {
    Objects.requireNonNull(segmentOfUser, "segmentOfUser");
    if (segmentOfUser.length != graph.users()) {
      throw new IllegalArgumentException(
          "segmentOfUser has " + segmentOfUser.length + " entries for " + graph.users() + " users");
    }
    if (!(prior >= 0) || Double.isInfinite(prior)) {
      throw new IllegalArgumentException("prior must be finite and >= 0, got " + prior);
    }
    int items = graph.items();
    double[] overall = new double[items];
    double[][] counts = new double[segments][items];
    for (int u = 0; u < graph.users(); u++) {
      int s = segmentOfUser[u];
      if (s < -1 || s >= segments) {
        throw new IllegalArgumentException(
            "segmentOfUser[" + u + "] must be in -1.." + (segments - 1) + ", got " + s);
      }
      for (int k = graph.userStart(u); k < graph.userEnd(u); k++) {
        int i = graph.userItemAt(k);
        overall[i]++;
        if (s >= 0) {
          counts[s][i]++;
        }
      }
    }
    double total = Math.max(1, graph.edges());
    RankedList[] charts = new RankedList[segments];
    for (int s = 0; s < segments; s++) {
      for (int i = 0; i < items; i++) {
        counts[s][i] += prior * overall[i] / total;
      }
      charts[s] = RankedList.of(counts[s], depth);
    }
    return new PopularitySource("segment-popular", items, RankedList.of(overall, depth), charts);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Candidate> retrieve(CandidateQuery query, int limit) {
    int s = query.segment();
    RankedList chart =
        perSegment != null && s >= 0 && s < perSegment.length ? perSegment[s] : overall;
    return chart.take(name, query, limit, items);
  }
}
