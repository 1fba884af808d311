package dev.nudge.candidates;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * Approximate inner product search on a jvector 4 graph (Vamana/DiskANN with an HNSW-style
 * hierarchy). Returned scores are recomputed exact inner products of the hits, since jvector
 * reports a rescaled similarity. Searches reuse one {@link GraphSearcher} per thread (searchers are
 * not thread-safe; the graph is).
 */
public final class JVectorIndex implements VectorIndex {
  private static final VectorTypeSupport VTS =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private final float[][] vectors;
  private final Params params;
  private final RandomAccessVectorValues ravv;
  private final ImmutableGraphIndex graph;
  private final ThreadLocal<GraphSearcher> searchers;

  /**
   * Graph and search parameters.
   *
   * @param maxDegree the graph's out-degree M, >= 2
   * @param beamWidth the construction beam (efConstruction), >= maxDegree
   * @param searchBeam how many nodes a search keeps (ef), >= 1; trades recall for speed
   * @param buildThreads threads for the parallel build, >= 1
   */
  public record Params(int maxDegree, int beamWidth, int searchBeam, int buildThreads) {
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
    }

    /** M = 16, build beam 100, search beam 100, all processors. */
    public static Params defaults() {
      return new Params(16, 100, 100, Runtime.getRuntime().availableProcessors());
    }

    /** The same graph searched with another beam. */
    public Params withSearchBeam(int beam) {
      return new Params(maxDegree, beamWidth, beam, buildThreads);
    }
  }

  private JVectorIndex(
      float[][] vectors, Params params, RandomAccessVectorValues ravv, ImmutableGraphIndex graph) {
    this.vectors = vectors;
    this.params = params;
    this.ravv = ravv;
    this.graph = graph;
    this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(graph));
  }

  /** Builds the graph over a defensive copy of the vectors. */
  public static JVectorIndex build(float[][] vectors, Params params) {
    Objects.requireNonNull(params, "params");
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
            .withNeighborOverflow(1.2f)
            .withAlpha(1.2f)
            .withSimdExecutor(pool)
            .withParallelExecutor(pool)
            .build()) {
      ImmutableGraphIndex graph = builder.build(ravv);
      return new JVectorIndex(copy, params, ravv, graph);
    } catch (IOException e) {
      throw new UncheckedIOException("jvector graph build failed", e);
    } finally {
      pool.shutdown();
    }
  }

  /** The same graph searched with another beam (no rebuild). */
  public JVectorIndex withSearchBeam(int beam) {
    return new JVectorIndex(vectors, params.withSearchBeam(beam), ravv, graph);
  }

  @Override
  public int size() {
    return vectors.length;
  }

  @Override
  public int dimension() {
    return vectors[0].length;
  }

  @Override
  public Hits search(float[] query, int k) {
    Vectors.checkQuery(query, dimension());
    int topK = Math.max(0, Math.min(k, vectors.length));
    if (topK == 0) {
      return new Hits(new int[0], new float[0]);
    }
    VectorFloat<?> q = VTS.createFloatVector(query.clone());
    DefaultSearchScoreProvider ssp =
        DefaultSearchScoreProvider.exact(q, VectorSimilarityFunction.DOT_PRODUCT, ravv);
    SearchResult result =
        searchers.get().search(ssp, topK, Math.max(topK, params.searchBeam()), 0f, 0f, Bits.ALL);
    SearchResult.NodeScore[] nodes = result.getNodes();
    int[] items = new int[nodes.length];
    float[] scores = new float[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      items[i] = nodes[i].node;
      scores[i] = VectorIndex.dot(vectors[items[i]], query);
    }
    return new Hits(items, scores);
  }

  @Override
  public String describe() {
    return "jvector(M="
        + params.maxDegree()
        + ", beam="
        + params.beamWidth()
        + ", ef="
        + params.searchBeam()
        + ")";
  }
}
