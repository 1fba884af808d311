package dev.nudge.candidates;

/** Validation shared by the vector indexes. */
final class Vectors {
  private Vectors() {}

  /** The common length of all rows; every value must be finite and there must be a row. */
  static int checkRectangular(float[][] vectors) {
    if (vectors.length == 0) {
      throw new IllegalArgumentException("vectors must not be empty");
    }
    int dim = vectors[0].length;
    if (dim == 0) {
      throw new IllegalArgumentException("vectors must have dimension >= 1");
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].length != dim) {
        throw new IllegalArgumentException(
            "vector " + i + " has length " + vectors[i].length + ", expected " + dim);
      }
      for (int d = 0; d < dim; d++) {
        if (!Float.isFinite(vectors[i][d])) {
          throw new IllegalArgumentException("vector " + i + "[" + d + "] is " + vectors[i][d]);
        }
      }
    }
    return dim;
  }

  static void checkQuery(float[] query, int dim) {
    if (query.length != dim) {
      throw new IllegalArgumentException(
          "query has length " + query.length + ", index dimension is " + dim);
    }
  }
}
