package dev.nudge.candidates;

/**
 * Brute-force inner product search: scans every vector. The reference for recall and the right
 * choice for small catalogues. Vectors are copied into one flat array for a cache-friendly scan.
 */
public final class ExactVectorIndex implements VectorIndex {
  private final int size;
  private final int dim;
  private final float[] flat;

  private ExactVectorIndex(int size, int dim, float[] flat) {
    this.size = size;
    this.dim = dim;
    this.flat = flat;
  }

  public static ExactVectorIndex of(float[][] vectors) {
    int dim = Vectors.checkRectangular(vectors);
    float[] flat = new float[vectors.length * dim];
    for (int i = 0; i < vectors.length; i++) {
      System.arraycopy(vectors[i], 0, flat, i * dim, dim);
    }
    return new ExactVectorIndex(vectors.length, dim, flat);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Hits search(float[] query, int k) {
    Vectors.checkQuery(query, dim);
    TopK top = new TopK(Math.max(0, Math.min(k, size)));
    for (int i = 0, off = 0; i < size; i++, off += dim) {
      float s = 0;
      for (int d = 0; d < dim; d++) {
        s += flat[off + d] * query[d];
      }
      top.offer(i, s);
    }
    double[] scores = new double[top.size()];
    int[] items = top.drain(scores);
    float[] f = new float[scores.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) scores[i];
    }
    return new Hits(items, f);
  }

  @Override
  public String describe() {
    return "exact";
  }
}
