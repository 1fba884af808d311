package dev.nudge.candidates;

/**
 * Classic item-based collaborative filtering: the cosine between two items' binary user vectors,
 * {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)}, with an optional shrinkage term in the denominator that
 * pulls similarities resting on very few co-occurrences towards 0.
 *
 * @param neighbours how many neighbours to keep per item, >= 1
 * @param shrinkage added to the denominator (0 for the plain cosine), >= 0
 * @param threads worker threads, >= 1
 */
public record CosineSimilarity(int neighbours, double shrinkage, int threads) {

  public CosineSimilarity {
    if (neighbours < 1) {
      throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
    }
    if (!(shrinkage >= 0) || Double.isInfinite(shrinkage)) {
      throw new IllegalArgumentException("shrinkage must be finite and >= 0, got " + shrinkage);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  public ItemNeighbours build(InteractionGraph graph) {
    int items = graph.items();
    int[][] keys = new int[items][];
    double[][] values = new double[items][];
    ItemParallel.forEachItem(
        items,
        threads,
        () -> {
          int[] co = new int[items];
          int[] touched = new int[items];
          TopK top = new TopK(neighbours);
          return i -> {
            int nTouched = 0;
            for (int k = graph.itemStart(i); k < graph.itemEnd(i); k++) {
              int u = graph.itemUserAt(k);
              for (int m = graph.userStart(u); m < graph.userEnd(u); m++) {
                int j = graph.userItemAt(m);
                if (j != i && co[j]++ == 0) {
                  touched[nTouched++] = j;
                }
              }
            }
            top.clear();
            double di = graph.itemDegree(i);
            for (int t = 0; t < nTouched; t++) {
              int j = touched[t];
              top.offer(j, co[j] / (Math.sqrt(di * graph.itemDegree(j)) + shrinkage));
              co[j] = 0;
            }
            double[] s = new double[top.size()];
            keys[i] = top.drain(s);
            values[i] = s;
          };
        });
    return ItemNeighbours.of(keys, values);
  }
}
