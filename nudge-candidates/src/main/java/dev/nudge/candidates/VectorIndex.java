package dev.nudge.candidates;

/**
 * Maximum inner product search over a fixed set of item vectors. Implementations are immutable once
 * built and safe for concurrent searches.
 */
public interface VectorIndex {

  /** How many vectors the index holds; results are their positions 0..size-1. */
  int size();

  int dimension();

  /** The (up to) k vectors with the largest inner product with {@code query}, best first. */
  Hits search(float[] query, int k);

  /** A short description with parameters, e.g. {@code "jvector(M=16, beam=100, ef=100)"}. */
  String describe();

  /**
   * Search results, best first.
   *
   * @param items vector positions
   * @param scores their inner products with the query
   */
  record Hits(int[] items, float[] scores) {
    public Hits {
      if (items.length != scores.length) {
        throw new IllegalArgumentException(
            items.length + " items but " + scores.length + " scores");
      }
    }

    public int size() {
      return items.length;
    }
  }

  /** Inner product; the one similarity every index here ranks by. */
  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The index a catalogue of this size should use: exact search below {@code exactBelow} vectors (a
   * scan of a few thousand vectors is both faster to build and as fast to query as a graph), a
   * jvector graph above.
   */
  static VectorIndex build(float[][] vectors, int exactBelow, JVectorIndex.Params params) {
    return vectors.length < exactBelow
        ? ExactVectorIndex.of(vectors)
        : JVectorIndex.build(vectors, params);
  }
}
