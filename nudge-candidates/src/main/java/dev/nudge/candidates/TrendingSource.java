package dev.nudge.candidates;

import dev.nudge.data.InteractionLog;
import java.util.List;

/**
 * What is popular right now: each interaction counts {@code 2^(-age / halfLife)}, its age measured
 * back from the log's latest event, so a burst of recent attention outranks a large but old
 * following.
 */
public final class TrendingSource implements CandidateSource {
  private final int items;
  private final RankedList chart;

  private TrendingSource(int items, RankedList chart) {
    this.items = items;
    this.chart = chart;
  }

  /**
   * @param log the interactions (positives by {@code minRating}, as for the graph)
   * @param items the catalogue size
   * @param halfLifeSeconds the age at which an interaction counts half, > 0
   * @param minRating the rating threshold for a positive
   * @param depth how long the chart is
   */
  public static TrendingSource of(
      InteractionLog log, int items, double halfLifeSeconds, float minRating, int depth) {
    if (!(halfLifeSeconds > 0) || Double.isInfinite(halfLifeSeconds)) {
      throw new IllegalArgumentException(
          "halfLifeSeconds must be finite and > 0, got " + halfLifeSeconds);
    }
    double[] score = new double[items];
    long now = log.lastTime();
    for (int r = 0; r < log.size(); r++) {
      int i = log.item(r);
      if (i < 0 || i >= items) {
        throw new IllegalArgumentException(
            "interaction row " + r + ": item key " + i + " is outside 0.." + (items - 1));
      }
      if (log.isPositive(r, minRating)) {
        score[i] += Math.pow(2, -(now - log.time(r)) / halfLifeSeconds);
      }
    }
    return new TrendingSource(items, RankedList.of(score, depth));
  }

  @Override
  public String name() {
    return "trending";
  }

  @Override
  public List<Candidate> retrieve(CandidateQuery query, int limit) {
    return chart.take(name(), query, limit, items);
  }
}
