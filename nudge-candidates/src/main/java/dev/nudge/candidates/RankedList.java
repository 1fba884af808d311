package dev.nudge.candidates;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed ranking of items with scores (a popularity chart), served by walking it and skipping the
 * user's history. Immutable.
 */
final class RankedList {
  private final int[] items;
  private final double[] scores;

  private RankedList(int[] items, double[] scores) {
    this.items = items;
    this.scores = scores;
  }

  /** The {@code depth} best items by score (ties to the smaller key); zero scores are left out. */
  static RankedList of(double[] scorePerItem, int depth) {
    TopK top = new TopK(Math.min(depth, scorePerItem.length));
    for (int i = 0; i < scorePerItem.length; i++) {
      if (scorePerItem[i] > 0) {
        top.offer(i, scorePerItem[i]);
      }
    }
    double[] s = new double[top.size()];
    int[] keys = top.drain(s);
    return new RankedList(keys, s);
  }

  int size() {
    return items.length;
  }

  List<Candidate> take(String source, CandidateQuery query, int limit, int catalogueSize) {
    boolean[] seen = query.seenMask(catalogueSize);
    List<Candidate> out = new ArrayList<>(Math.min(limit, items.length));
    for (int k = 0; k < items.length && out.size() < limit; k++) {
      if (!seen[items[k]]) {
        out.add(new Candidate(items[k], source, scores[k]));
      }
    }
    return out;
  }
}
