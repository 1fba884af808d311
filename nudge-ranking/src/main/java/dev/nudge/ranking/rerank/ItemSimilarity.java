package dev.nudge.ranking.rerank;

import dev.nudge.data.Catalogue;

/** How alike two items are, in [0, 1], for diversity. */
@FunctionalInterface
public interface ItemSimilarity {

  double similarity(int a, int b);

  /** Jaccard overlap of the items' topic sets (0 when either has none). */
  static ItemSimilarity topics(Catalogue catalogue) {
    int[][] topics = new int[catalogue.size()][];
    for (int i = 0; i < topics.length; i++) {
      topics[i] = catalogue.topics().codes(i);
    }
    return (a, b) -> {
      int[] ta = topics[a];
      int[] tb = topics[b];
      if (ta.length == 0 || tb.length == 0) {
        return 0;
      }
      int common = 0;
      for (int x : ta) {
        for (int y : tb) {
          if (x == y) {
            common++;
          }
        }
      }
      return common / (double) (ta.length + tb.length - common);
    };
  }
}
