package dev.nudge.bandit.twostage;

import dev.nudge.bandit.Arm;
import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Topics for data that has none: k-means over item embeddings, seeded with k-means++ (each new
 * centre drawn with probability proportional to the squared distance to the nearest centre so far)
 * and refined by Lloyd iterations until no assignment changes. An item's topic is its nearest
 * centre. All randomness comes from the seed, so the same items and seed give the same topics.
 */
public final class KMeansTopics implements TopicAssignment {
  private final float[][] centroids;
  private final int[] assignments;
  private final int iterations;

  private KMeansTopics(float[][] centroids, int[] assignments, int iterations) {
    this.centroids = centroids;
    this.assignments = assignments;
    this.iterations = iterations;
  }

  /**
   * Clusters {@code points} (one item embedding per row) into k topics.
   *
   * @param maxIterations the most Lloyd iterations to run, &gt;= 1
   */
  public static KMeansTopics fit(float[][] points, int k, long seed, int maxIterations) {
    int n = points.length;
    if (n == 0) {
      throw new IllegalArgumentException("points must not be empty");
    }
    if (k < 1 || k > n) {
      throw new IllegalArgumentException(
          "k must be in 1.." + n + " (the number of points), got " + k);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    int d = points[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("points must have at least one coordinate");
    }
    for (int i = 0; i < n; i++) {
      if (points[i].length != d) {
        throw new IllegalArgumentException(
            "point " + i + " has " + points[i].length + " coordinates, point 0 has " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(points[i][j])) {
          throw new IllegalArgumentException(
              "point " + i + " coordinate " + j + " is " + points[i][j]);
        }
      }
    }
    RandomGenerator random = Seeds.random(seed, "kmeans++");
    float[][] centres = seedPlusPlus(points, k, random);
    int[] assign = new int[n];
    Arrays.fill(assign, -1);
    int it = 0;
    boolean changed = true;
    while (changed && it < maxIterations) {
      it++;
      changed = false;
      for (int i = 0; i < n; i++) {
        int c = nearest(centres, points[i]);
        if (c != assign[i]) {
          assign[i] = c;
          changed = true;
        }
      }
      recentre(points, assign, centres);
    }
    return new KMeansTopics(centres, assign, it);
  }

  private static float[][] seedPlusPlus(float[][] points, int k, RandomGenerator random) {
    int n = points.length;
    float[][] centres = new float[k][];
    centres[0] = points[random.nextInt(n)].clone();
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], squaredDistance(points[i], centres[c - 1]));
        total += dist[i];
      }
      int pick;
      if (total == 0) {
        // Fewer distinct points than k: any point will do.
        pick = random.nextInt(n);
      } else {
        double u = random.nextDouble() * total;
        pick = n - 1;
        for (int i = 0; i < n; i++) {
          u -= dist[i];
          if (u < 0) {
            pick = i;
            break;
          }
        }
      }
      centres[c] = points[pick].clone();
    }
    return centres;
  }

  private static void recentre(float[][] points, int[] assign, float[][] centres) {
    int k = centres.length;
    int d = centres[0].length;
    double[][] sums = new double[k][d];
    int[] counts = new int[k];
    for (int i = 0; i < points.length; i++) {
      counts[assign[i]]++;
      for (int j = 0; j < d; j++) {
        sums[assign[i]][j] += points[i][j];
      }
    }
    for (int c = 0; c < k; c++) {
      // An emptied cluster keeps its centre; the next assignment pass may refill it.
      if (counts[c] > 0) {
        for (int j = 0; j < d; j++) {
          centres[c][j] = (float) (sums[c][j] / counts[c]);
        }
      }
    }
  }

  private static int nearest(float[][] centres, float[] point) {
    int best = 0;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double dist = squaredDistance(point, centres[c]);
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    return best;
  }

  private static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double e = a[j] - b[j];
      s += e * e;
    }
    return s;
  }

  /** The nearest centre's index for an embedding of the fitted dimension. */
  public int nearest(float[] embedding) {
    if (embedding.length != centroids[0].length) {
      throw new IllegalArgumentException(
          "embedding has length "
              + embedding.length
              + ", topics were fitted on "
              + centroids[0].length);
    }
    return nearest(centroids, embedding);
  }

  @Override
  public int topicOf(Arm arm) {
    return nearest(arm.embedding());
  }

  /**
   * The arms with {@link Arm#topic()} replaced by their cluster, so later decisions skip the
   * search.
   */
  public List<Arm> withTopics(List<Arm> arms) {
    List<Arm> out = new ArrayList<>(arms.size());
    for (Arm arm : arms) {
      out.add(new Arm(arm.id(), arm.key(), arm.embedding(), arm.features(), topicOf(arm)));
    }
    return out;
  }

  public int k() {
    return centroids.length;
  }

  /** The cluster of each fitted point. */
  public int[] assignments() {
    return assignments.clone();
  }

  /** The centres, one row per topic (copies). */
  public float[][] centroids() {
    float[][] copy = new float[centroids.length][];
    for (int c = 0; c < centroids.length; c++) {
      copy[c] = centroids[c].clone();
    }
    return copy;
  }

  /** How many Lloyd iterations ran. */
  public int iterations() {
    return iterations;
  }
}
