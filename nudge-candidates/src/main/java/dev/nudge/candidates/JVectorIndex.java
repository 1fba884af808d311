package dev.nudge.candidates;

import dev.nudge.core.Progress;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Approximate inner product search on a jvector 4 graph (Vamana/DiskANN pruning with an HNSW-style
 * hierarchy). jvector builds the graph; queries run on a {@link FrozenGraph} copy of it, whose
 * allocation-free beam search is several times faster than jvector's {@code GraphSearcher} at d =
 * 64 (see that class). Returned scores are exact inner products of the hits.
 */
public final class JVectorIndex implements VectorIndex {
  private static final VectorTypeSupport VTS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private final Params params;
  private final FrozenGraph graph;
  private final boolean simd;

  /**
   * Graph and search parameters.
   *
   * @param maxDegree the graph's out-degree M, >= 2 (hnswlib's level 0 allows 2M: compare M here
   *     with 2M there)
   * @param beamWidth the construction beam (efConstruction), >= maxDegree
   * @param searchBeam how many nodes a search keeps (ef), >= 1; trades recall for speed
   * @param buildThreads threads for the parallel build, >= 1
   * @param alpha Vamana's pruning slack, >= 1: an edge is kept unless a kept neighbour is alpha
   *     times closer to it; above 1 keeps longer edges that help escape local neighbourhoods
   * @param neighbourOverflow how far a neighbour list may overflow maxDegree during the build
   *     before it is pruned, >= 1
   */
  public record Params(
      int maxDegree,
      int beamWidth,
      int searchBeam,
      int buildThreads,
      float alpha,
      float neighbourOverflow) {
    public Params {
      if (maxDegree < 2) {
        throw new IllegalArgumentException("maxDegree must be >= 2, got " + maxDegree);
      }
      if (beamWidth < maxDegree) {
        throw new IllegalArgumentException(
            "beamWidth must be >= maxDegree (" + maxDegree + "), got " + beamWidth);
      }
      if (searchBeam < 1) {
        throw new IllegalArgumentException("searchBeam must be >= 1, got " + searchBeam);
      }
      if (buildThreads < 1) {
        throw new IllegalArgumentException("buildThreads must be >= 1, got " + buildThreads);
      }
      if (!(alpha >= 1f) || Float.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha must be finite and >= 1, got " + alpha);
      }
      if (!(neighbourOverflow >= 1f) || Float.isInfinite(neighbourOverflow)) {
        throw new IllegalArgumentException(
            "neighbourOverflow must be finite and >= 1, got " + neighbourOverflow);
      }
    }

    /** Alpha 1.2 and overflow 1.2, jvector's recommended values. */
    public Params(int maxDegree, int beamWidth, int searchBeam, int buildThreads) {
      this(maxDegree, beamWidth, searchBeam, buildThreads, 1.2f, 1.2f);
    }

    /**
     * M = 32 (the bottom-level degree of hnswlib's M = 16; recall 0.95 at ef = 20 on 100k x 64
     * low-rank vectors), build beam 100, search beam 100, all processors.
     */
    public static Params defaults() {
      return new Params(32, 100, 100, Runtime.getRuntime().availableProcessors());
    }

    /** The same graph searched with another beam. */
    public Params withSearchBeam(int beam) {
      return new Params(maxDegree, beamWidth, beam, buildThreads, alpha, neighbourOverflow);
    }
  }

  private JVectorIndex(Params params, FrozenGraph graph, boolean simd) {
    this.params = params;
    this.graph = graph;
    this.simd = simd;
  }

  /** Builds the graph over a defensive copy of the vectors. */
  public static JVectorIndex build(float[][] vectors, Params params) {
    return build(vectors, params, Progress.silent());
  }

  /**
   * Builds the graph over a defensive copy of the vectors, stepping {@code progress} once per
   * inserted vector (from the build threads). The insertion loop is jvector's own {@code
   * build(ravv)} (parallel {@code addGraphNode}, then {@code cleanup}) spelled out so that a
   * million-vector build, which takes many minutes on two cores, can show how far it is.
   */
  public static JVectorIndex build(float[][] vectors, Params params, Progress progress) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(progress, "progress");
    int dim = Vectors.checkRectangular(vectors);
    float[][] copy = new float[vectors.length][];
    List<VectorFloat<?>> list = new ArrayList<>(vectors.length);
    for (int i = 0; i < vectors.length; i++) {
      copy[i] = vectors[i].clone();
      list.add(VTS.createFloatVector(copy[i]));
    }
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(list, dim);
    ForkJoinPool pool = new ForkJoinPool(params.buildThreads());
    try (GraphIndexBuilder builder =
        GraphIndexBuilder.builder(
                BuildScoreProvider.randomAccessScoreProvider(
                    ravv, VectorSimilarityFunction.DOT_PRODUCT),
                dim,
                params.maxDegree())
            .withBeamWidth(params.beamWidth())
            .withNeighborOverflow(params.neighbourOverflow())
            .withAlpha(params.alpha())
            .withSimdExecutor(pool)
            .withParallelExecutor(pool)
            .build()) {
      pool.submit(
              () ->
                  IntStream.range(0, list.size())
                      .parallel()
                      .forEach(
                          node -> {
                            builder.addGraphNode(node, list.get(node));
                            progress.step(1);
                          }))
          .join();
      // cleanup() makes one more pass over every node (degree enforcement): a silent stretch at a
      // million nodes, so the bar says what it waits for.
      progress.message("cleanup");
      builder.cleanup();
      return new JVectorIndex(params, FrozenGraph.of(builder.getGraph(), copy), true);
    } catch (IOException e) {
      throw new UncheckedIOException("jvector graph build failed", e);
    } finally {
      pool.shutdown();
    }
  }

  /** The same graph searched with another beam (no rebuild). */
  public JVectorIndex withSearchBeam(int beam) {
    return new JVectorIndex(params.withSearchBeam(beam), graph, simd);
  }

  /**
   * The same graph scored with jvector's SIMD dot product ({@code true}, the default) or with the
   * scalar loop ({@code false}). Both find the same nodes up to float rounding of the beam's
   * scores; reported scores are identical. SIMD needs {@code --add-modules jdk.incubator.vector}
   * (jvector falls back to its own scalar code without it).
   */
  public JVectorIndex withSimd(boolean enabled) {
    return new JVectorIndex(params, graph, enabled);
  }

  /** The build parameters and the search beam this index searches with. */
  public Params params() {
    return params;
  }

  /**
   * The jvector vectorization provider behind SIMD searches: {@code "panama"} (the Vector API, with
   * {@code --add-modules jdk.incubator.vector}), else {@code "default"} (jvector's scalar code).
   * jvector's native provider is passed over for searches (see {@code FrozenGraph}).
   */
  public static String simdProvider() {
    return FrozenGraph.simdProviderName();
  }

  /** Whether searches score with jvector's SIMD dot product. */
  public boolean simd() {
    return simd;
  }

  /**
   * How many vectors the calling thread's most recent search of this graph scored (upper levels and
   * level 0): the work a query costs, independent of the machine. 0 before any search.
   */
  public int lastSearchScored() {
    return graph.lastScored();
  }

  /**
   * Writes the built graph to {@code file} (not the vectors: {@link #load} takes them again), so a
   * large build is paid once. Written through a temporary file and renamed into place.
   */
  public void save(Path file) {
    Objects.requireNonNull(file, "file");
    FrozenGraphFile.write(graph, file);
  }

  /**
   * Reads a graph {@link #save}d over exactly these {@code vectors} (checked by a fingerprint of
   * every float) and searches it with {@code params}' search beam; its build parameters are taken
   * as given, for {@link #describe}.
   *
   * @throws dev.nudge.core.InputException if the file is not a graph file, is damaged or truncated,
   *     or was written for other vectors
   */
  public static JVectorIndex load(Path file, float[][] vectors, Params params) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(params, "params");
    float[][] copy = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      copy[i] = vectors[i].clone();
    }
    return new JVectorIndex(params, FrozenGraphFile.read(file, copy), true);
  }

  @Override
  public int size() {
    return graph.size();
  }

  @Override
  public int dimension() {
    return graph.dimension();
  }

  /** Average out-degree of the graph's bottom level. */
  public double averageDegree() {
    return graph.averageDegree();
  }

  @Override
  public Hits search(float[] query, int k) {
    Vectors.checkQuery(query, dimension());
    int topK = Math.max(0, Math.min(k, size()));
    if (topK == 0) {
      return new Hits(new int[0], new float[0]);
    }
    return graph.search(query, topK, Math.max(topK, params.searchBeam()), simd);
  }

  @Override
  public String describe() {
    return "jvector(M="
        + params.maxDegree()
        + ", beam="
        + params.beamWidth()
        + ", alpha="
        + params.alpha()
        + ", ef="
        + params.searchBeam()
        + (simd ? "" : ", scalar")
        + ")";
  }
}
