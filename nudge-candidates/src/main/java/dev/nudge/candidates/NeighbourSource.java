package dev.nudge.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Item-to-item retrieval: an item scores the sum of its similarities to the user's most recent
 * history items, under any {@link ItemNeighbours} (Swing, cosine). Users with no history get
 * nothing; popularity and content sources cover them.
 *
 * @param name the source's name ("swing", "item-cf")
 * @param neighbours the precomputed neighbour lists
 * @param recentItems how many of the latest history items seed the lookup, >= 1
 */
public record NeighbourSource(String name, ItemNeighbours neighbours, int recentItems)
    implements CandidateSource {

  public NeighbourSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(neighbours, "neighbours");
    if (recentItems < 1) {
      throw new IllegalArgumentException("recentItems must be >= 1, got " + recentItems);
    }
  }

  @Override
  public List<Candidate> retrieve(CandidateQuery query, int limit) {
    int[] history = query.history();
    int n = neighbours.items();
    if (history.length == 0 || limit <= 0) {
      return List.of();
    }
    boolean[] seen = query.seenMask(n);
    double[] acc = new double[n];
    int[] touched = new int[n];
    boolean[] isTouched = new boolean[n];
    int nTouched = 0;
    for (int h = Math.max(0, history.length - recentItems); h < history.length; h++) {
      int item = history[h];
      if (item >= n) {
        continue;
      }
      for (int k = neighbours.start(item); k < neighbours.end(item); k++) {
        int j = neighbours.neighbourAt(k);
        if (seen[j]) {
          continue;
        }
        if (!isTouched[j]) {
          isTouched[j] = true;
          touched[nTouched++] = j;
        }
        acc[j] += neighbours.scoreAt(k);
      }
    }
    TopK top = new TopK(Math.min(limit, nTouched));
    for (int t = 0; t < nTouched; t++) {
      top.offer(touched[t], acc[touched[t]]);
    }
    double[] scores = new double[top.size()];
    int[] items = top.drain(scores);
    List<Candidate> out = new ArrayList<>(items.length);
    for (int k = 0; k < items.length; k++) {
      out.add(new Candidate(items[k], name, scores[k]));
    }
    return out;
  }
}
