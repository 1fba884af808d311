package dev.nudge.candidates;

import static dev.nudge.candidates.VectorIndexTest.lowRank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SIMD beam against the scalar one, the work counter, and saving and loading a graph. */
class FrozenGraphTest {
  private static final int N = 2000;
  private static final int DIM = 64;
  private static float[][] vectors;
  private static JVectorIndex index;

  @TempDir Path dir;

  @BeforeAll
  static void build() {
    vectors = lowRank(21, N, DIM);
    index = JVectorIndex.build(vectors, new JVectorIndex.Params(16, 48, 30, 2));
  }

  @Test
  void simdSearchReturnsWhatTheScalarSearchReturns() {
    assertThat(index.simd()).isTrue();
    JVectorIndex scalar = index.withSimd(false);
    assertThat(scalar.simd()).isFalse();
    assertThat(scalar.describe()).endsWith(", scalar)");
    for (int ef : new int[] {10, 40, 200}) {
      JVectorIndex simdBeam = index.withSearchBeam(ef);
      JVectorIndex scalarBeam = scalar.withSearchBeam(ef);
      for (float[] q : lowRank(22, 100, DIM)) {
        VectorIndex.Hits a = simdBeam.search(q, 10);
        int scoredSimd = simdBeam.lastSearchScored();
        VectorIndex.Hits b = scalarBeam.search(q, 10);
        assertThat(a.items()).as("ef %d", ef).containsExactly(b.items());
        assertThat(a.scores()).containsExactly(b.scores());
        // The same beam visits the same nodes, whichever kernel scores them.
        assertThat(scalarBeam.lastSearchScored()).isEqualTo(scoredSimd);
      }
    }
  }

  @Test
  void searchesUsePanamaWhenTheVectorApiIsThere() {
    // The tests run with --add-modules jdk.incubator.vector (the POM's JVM flags), under which
    // jvector itself may pick its native library; the beam must still score through Panama.
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(JVectorIndex.simdProvider()).isEqualTo("panama");
  }

  @Test
  void simdAndScalarAgreeOnOddDimensions() {
    // d = 13: the SIMD kernel's tail after its full lanes, the scalar loop's after its four.
    float[][] v = lowRank(23, 800, 13);
    JVectorIndex ann = JVectorIndex.build(v, new JVectorIndex.Params(8, 32, 40, 1));
    ExactVectorIndex exact = ExactVectorIndex.of(v);
    int agreeWithExact = 0;
    for (float[] q : lowRank(24, 50, 13)) {
      int[] simd = ann.search(q, 5).items();
      assertThat(simd).containsExactly(ann.withSimd(false).search(q, 5).items());
      agreeWithExact += Arrays.equals(simd, exact.search(q, 5).items()) ? 1 : 0;
    }
    assertThat(agreeWithExact).isGreaterThanOrEqualTo(45);
  }

  @Test
  void lastSearchScoredCountsTheBeamsWork() {
    JVectorIndex fresh =
        JVectorIndex.build(lowRank(25, 300, 8), new JVectorIndex.Params(8, 16, 10, 1));
    assertThat(fresh.lastSearchScored()).isZero();
    float[] q = lowRank(26, 1, 8)[0];
    fresh.search(q, 10);
    int narrow = fresh.lastSearchScored();
    // A beam as wide as the catalogue scores every node of the connected graph at least once.
    fresh.withSearchBeam(300).search(q, 10);
    int wide = fresh.lastSearchScored();
    assertThat(narrow).isPositive().isLessThan(wide);
    assertThat(wide).isGreaterThanOrEqualTo(300);
  }

  @Test
  void aSavedGraphLoadsAndSearchesAsTheBuiltOne() {
    Path file = dir.resolve("sub").resolve("g.graph");
    index.save(file);
    assertThat(Files.exists(file.resolveSibling("g.graph.tmp"))).isFalse();
    JVectorIndex loaded = JVectorIndex.load(file, vectors, index.params());
    assertThat(loaded.size()).isEqualTo(N);
    assertThat(loaded.dimension()).isEqualTo(DIM);
    assertThat(loaded.averageDegree()).isEqualTo(index.averageDegree());
    assertThat(loaded.describe()).isEqualTo(index.describe());
    for (float[] q : lowRank(27, 50, DIM)) {
      VectorIndex.Hits want = index.search(q, 10);
      int scored = index.lastSearchScored();
      VectorIndex.Hits got = loaded.search(q, 10);
      assertThat(got.items()).containsExactly(want.items());
      assertThat(got.scores()).containsExactly(want.scores());
      assertThat(loaded.lastSearchScored()).isEqualTo(scored);
    }
  }

  @Test
  void loadRefusesOtherVectors() {
    Path file = dir.resolve("g.graph");
    index.save(file);
    float[][] other = lowRank(28, N, DIM);
    assertThatThrownBy(() -> JVectorIndex.load(file, other, index.params()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("g.graph")
        .hasMessageContaining("fingerprint");
    float[][] fewer = Arrays.copyOf(vectors, N - 1);
    assertThatThrownBy(() -> JVectorIndex.load(file, fewer, index.params()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("graph is over 2000 x 64 vectors but 1999 x 64 were given");
  }

  @Test
  void loadRefusesDamagedFiles() throws IOException {
    Path file = dir.resolve("g.graph");
    index.save(file);
    byte[] good = Files.readAllBytes(file);

    Path truncated = dir.resolve("truncated.graph");
    Files.write(truncated, Arrays.copyOf(good, good.length - 10));
    assertLoadFails(truncated, "truncated while reading");

    Path longer = dir.resolve("longer.graph");
    Files.write(longer, Arrays.copyOf(good, good.length + 4));
    assertLoadFails(longer, "unexpected bytes after the last level");

    Path text = dir.resolve("text.graph");
    Files.writeString(text, "not a graph at all, just some text");
    assertLoadFails(text, "magic is not NFG1");

    Path empty = dir.resolve("empty.graph");
    Files.write(empty, new byte[0]);
    assertLoadFails(empty, "truncated while reading magic");

    // Header: 7 ints and a long; then original (length + N ints), level-0 starts (length + N + 1).
    int originalAt = 7 * 4 + 8 + 4;
    int firstEdgeAt = originalAt + 4 * N + 4 + 4 * (N + 1) + 4;
    Path badEdge = dir.resolve("edge.graph");
    Files.write(badEdge, withInt(good, firstEdgeAt, N));
    assertLoadFails(badEdge, "level 0 edge must be in 0..1999, got 2000");

    Path repeated = dir.resolve("repeated.graph");
    int first = ByteBuffer.wrap(good, originalAt, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    Files.write(repeated, withInt(good, originalAt + 4, first));
    assertLoadFails(repeated, "original order repeats row " + first);

    Path version = dir.resolve("version.graph");
    Files.write(version, withInt(good, 4, 99));
    assertLoadFails(version, "version must be 1, got 99");
  }

  private static byte[] withInt(byte[] bytes, int at, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    return copy;
  }

  private void assertLoadFails(Path file, String message) {
    assertThatThrownBy(() -> JVectorIndex.load(file, vectors, index.params()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.getFileName().toString())
        .hasMessageContaining(message);
  }
}
