package dev.nudge.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

  /**
   * Low-rank vectors (like learned embeddings): a random 8-d latent mapped to d dims, normalised.
   */
  static float[][] lowRank(long seed, int n, int dim) {
    RandomGenerator rnd = Seeds.random(seed, "low-rank");
    int latent = 8;
    float[][] map = new float[latent][dim];
    for (float[] row : map) {
      for (int d = 0; d < dim; d++) {
        row[d] = (float) rnd.nextGaussian();
      }
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int l = 0; l < latent; l++) {
        float z = (float) rnd.nextGaussian();
        for (int d = 0; d < dim; d++) {
          out[i][d] += z * map[l][d];
        }
      }
      for (int d = 0; d < dim; d++) {
        out[i][d] += 0.05f * (float) rnd.nextGaussian();
        norm += out[i][d] * out[i][d];
      }
      for (int d = 0; d < dim; d++) {
        out[i][d] /= (float) Math.sqrt(norm);
      }
    }
    return out;
  }

  @Test
  void exactIndexReturnsTheTrueTopK() {
    float[][] v = {{1, 0}, {0, 1}, {0.7f, 0.7f}, {-1, 0}};
    VectorIndex.Hits hits = ExactVectorIndex.of(v).search(new float[] {1, 0.1f}, 3);
    assertThat(hits.items()).containsExactly(0, 2, 1);
    assertThat(hits.scores()[0]).isEqualTo(1.0f);
    assertThat(ExactVectorIndex.of(v).search(new float[] {1, 0}, 10).size()).isEqualTo(4);
  }

  @Test
  void jvectorReachesHighRecallOnLowRankData() {
    float[][] v = lowRank(3, 3000, 32);
    ExactVectorIndex exact = ExactVectorIndex.of(v);
    JVectorIndex ann = JVectorIndex.build(v, new JVectorIndex.Params(16, 64, 64, 2));
    float[][] queries = lowRank(4, 50, 32);
    int found = 0;
    for (float[] q : queries) {
      List<Integer> truth = java.util.Arrays.stream(exact.search(q, 10).items()).boxed().toList();
      VectorIndex.Hits hits = ann.search(q, 10);
      for (int item : hits.items()) {
        found += truth.contains(item) ? 1 : 0;
      }
      // Scores are exact inner products of the hits.
      assertThat(hits.scores()[0]).isEqualTo(VectorIndex.dot(v[hits.items()[0]], q));
    }
    assertThat(found / 500.0).isGreaterThanOrEqualTo(0.9);
    assertThat(ann.describe()).contains("M=16");
  }

  @Test
  void aBeamAsWideAsTheCatalogueFindsTheExactTopK() {
    // With ef >= n the best-first search cannot stop before it has scored every node reachable
    // from the entry point, and the graph is connected: the result must be the exact top-k.
    float[][] v = lowRank(7, 400, 16);
    ExactVectorIndex exact = ExactVectorIndex.of(v);
    JVectorIndex ann = JVectorIndex.build(v, new JVectorIndex.Params(8, 32, 400, 1, 1.0f, 1.0f));
    assertThat(ann.averageDegree()).isGreaterThan(1).isLessThanOrEqualTo(8);
    for (float[] q : lowRank(8, 20, 16)) {
      VectorIndex.Hits want = exact.search(q, 10);
      VectorIndex.Hits got = ann.search(q, 10);
      assertThat(got.items()).containsExactly(want.items());
      assertThat(got.scores()).containsExactly(want.scores());
    }
    assertThat(ann.search(lowRank(9, 1, 16)[0], 1000).size()).isEqualTo(400);
  }

  @Test
  void theBuildStepsItsProgressOncePerVectorAndSaysWhenItCleansUp() {
    float[][] v = lowRank(11, 500, 16);
    java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    Progress counting =
        new Progress() {
          @Override
          public void step(long n) {
            steps.addAndGet(n);
          }

          @Override
          public void message(String text) {
            messages.add(text);
          }

          @Override
          public void close() {}
        };
    JVectorIndex ann =
        JVectorIndex.build(v, new JVectorIndex.Params(8, 32, 500, 2, 1.0f, 1.0f), counting);
    assertThat(steps.get()).isEqualTo(500);
    assertThat(messages).containsExactly("cleanup");
    // Every vector is in the graph: a beam as wide as the catalogue returns all of them.
    assertThat(ann.size()).isEqualTo(500);
    assertThat(ann.search(v[0], 1000).size()).isEqualTo(500);
  }

  @Test
  void oddDimensionsAreSearchedExactlyToo() {
    // d = 7 exercises the dot product's tail after its four-wide steps.
    float[][] v = lowRank(13, 300, 7);
    ExactVectorIndex exact = ExactVectorIndex.of(v);
    JVectorIndex ann = JVectorIndex.build(v, new JVectorIndex.Params(6, 24, 300, 1));
    for (float[] q : lowRank(14, 10, 7)) {
      assertThat(ann.search(q, 5).items()).containsExactly(exact.search(q, 5).items());
    }
  }

  @Test
  void concurrentSearchesMatchSequentialOnes() throws Exception {
    float[][] v = lowRank(11, 2000, 16);
    JVectorIndex ann = JVectorIndex.build(v, new JVectorIndex.Params(12, 48, 30, 2));
    float[][] queries = lowRank(12, 200, 16);
    int[][] sequential = new int[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      sequential[i] = ann.search(queries[i], 10).items();
    }
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<int[]>> futures = new java.util.ArrayList<>();
      for (float[] q : queries) {
        futures.add(pool.submit(() -> ann.search(q, 10).items()));
      }
      for (int i = 0; i < queries.length; i++) {
        assertThat(futures.get(i).get()).containsExactly(sequential[i]);
      }
    }
    // A narrower beam searches the same graph and cannot find more of the true top-10.
    ExactVectorIndex exact = ExactVectorIndex.of(v);
    int wide = 0;
    int narrow = 0;
    JVectorIndex narrowIndex = ann.withSearchBeam(10);
    for (float[] q : queries) {
      List<Integer> truth = java.util.Arrays.stream(exact.search(q, 10).items()).boxed().toList();
      wide +=
          (int) java.util.Arrays.stream(ann.search(q, 10).items()).filter(truth::contains).count();
      narrow +=
          (int)
              java.util.Arrays.stream(narrowIndex.search(q, 10).items())
                  .filter(truth::contains)
                  .count();
    }
    assertThat(wide).isGreaterThanOrEqualTo(narrow);
    assertThat(wide / 2000.0).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void buildPicksExactBelowTheThreshold() {
    float[][] v = lowRank(5, 100, 8);
    assertThat(VectorIndex.build(v, 1000, JVectorIndex.Params.defaults()))
        .isInstanceOf(ExactVectorIndex.class);
    assertThat(VectorIndex.build(v, 50, new JVectorIndex.Params(8, 16, 16, 1)))
        .isInstanceOf(JVectorIndex.class);
  }

  @Test
  void embeddingSourceSkipsHistoryAndNeedsAnEmbedding() {
    float[][] v = {{1, 0}, {0.9f, 0.1f}, {0, 1}};
    EmbeddingSource source = new EmbeddingSource(ExactVectorIndex.of(v));
    List<Candidate> out =
        source.retrieve(new CandidateQuery(0, new int[] {0}, -1, new float[] {1, 0}), 2);
    assertThat(out).extracting(Candidate::item).containsExactly(1, 2);
    assertThat(source.retrieve(new CandidateQuery(0, null, -1, null), 2)).isEmpty();
    assertThatThrownBy(() -> source.retrieve(new CandidateQuery(0, null, -1, new float[] {1}), 2))
        .hasMessageContaining("length 1");
  }

  @Test
  void rejectsBadVectors() {
    assertThatThrownBy(() -> ExactVectorIndex.of(new float[0][])).hasMessageContaining("empty");
    assertThatThrownBy(() -> ExactVectorIndex.of(new float[][] {{1, 2}, {1}}))
        .hasMessageContaining("vector 1 has length 1");
    assertThatThrownBy(() -> ExactVectorIndex.of(new float[][] {{1, Float.NaN}}))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> ExactVectorIndex.of(new float[][] {{1, 2}}).search(new float[3], 1))
        .hasMessageContaining("dimension is 2");
    assertThatThrownBy(() -> new JVectorIndex.Params(16, 8, 10, 1))
        .hasMessageContaining("beamWidth");
    assertThatThrownBy(() -> new JVectorIndex.Params(16, 32, 10, 1, 0.9f, 1.2f))
        .hasMessageContaining("alpha must be finite and >= 1, got 0.9");
    assertThatThrownBy(() -> new JVectorIndex.Params(16, 32, 10, 1, 1.2f, Float.NaN))
        .hasMessageContaining("neighbourOverflow");
  }
}
