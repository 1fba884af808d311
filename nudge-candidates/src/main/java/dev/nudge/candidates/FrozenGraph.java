package dev.nudge.candidates;

import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.vector.VectorUtilSupport;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A built jvector graph copied into flat arrays (one CSR adjacency per level, vectors in one
 * row-major {@code float[]}) and searched with a beam search that allocates nothing per query.
 *
 * <p>Why not jvector's own {@code GraphSearcher}: profiling a single query thread (JFR, 100k x 64,
 * ef = 40) put most of its time in per-node overhead around each 64-float dot product (score
 * function indirection, {@code VectorFloat} access, a hash set for visited nodes, long-packed
 * heaps). For small dimensions that overhead is larger than the arithmetic. Here visited nodes are
 * marked in an int array stamped with a per-query generation, the candidate and result heaps are
 * parallel primitive arrays, and the dot product runs over the flat vectors either as jvector's
 * SIMD kernel (its Panama Vector API code when {@code jdk.incubator.vector} is present, see {@link
 * #simdProvider}) or as a plain unrolled loop, the reference the tests compare the SIMD search
 * against. The graph itself (Vamana pruning with an HNSW-style hierarchy) is jvector's.
 *
 * <p>Immutable after construction; each searching thread gets its own {@link Scratch}.
 */
final class FrozenGraph {
  private static final VectorizationProvider SIMD = simdProvider();
  private static final VectorTypeSupport VTS = SIMD.getVectorTypeSupport();
  private static final VectorUtilSupport UTIL = SIMD.getVectorUtilSupport();

  private final int size;
  private final int dim;
  private final float[] flat;

  /** {@link #flat} wrapped (not copied) for jvector's SIMD dot product with offsets. */
  private final VectorFloat<?> flatVector;

  private final int entryNode;
  private final int entryLevel;

  /** Level 0: neighbours of node i are {@code base[baseStart[i] .. baseStart[i + 1])}. */
  private final int[] baseStart;

  private final int[] base;

  /** Levels 1..entryLevel: sorted node ids, then CSR like level 0 over those ids. */
  private final int[][] upperNodes;

  private final int[][] upperStart;
  private final int[][] upperEdges;
  private final ThreadLocal<Scratch> scratch;

  /** Row r of the flat arrays is caller's vector {@code original[r]}. */
  private final int[] original;

  /** Used by {@link #of} and by {@link FrozenGraphFile}, which validates the arrays first. */
  FrozenGraph(
      float[][] vectors,
      int[] original,
      int entryNode,
      int entryLevel,
      int[] baseStart,
      int[] base,
      int[][] upperNodes,
      int[][] upperStart,
      int[][] upperEdges) {
    this.size = vectors.length;
    this.dim = vectors[0].length;
    this.flat = new float[size * dim];
    for (int r = 0; r < size; r++) {
      System.arraycopy(vectors[original[r]], 0, flat, r * dim, dim);
    }
    this.flatVector = VTS.createFloatVector(flat);
    this.original = original;
    this.entryNode = entryNode;
    this.entryLevel = entryLevel;
    this.baseStart = baseStart;
    this.base = base;
    this.upperNodes = upperNodes;
    this.upperStart = upperStart;
    this.upperEdges = upperEdges;
    int maxDegree = 0;
    for (int i = 0; i < size; i++) {
      maxDegree = Math.max(maxDegree, baseStart[i + 1] - baseStart[i]);
    }
    int widest = maxDegree;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(size, widest));
  }

  /**
   * Copies the adjacency of every level of {@code graph} over {@code vectors} (node i = row i).
   *
   * <p>Rows are renumbered in breadth-first order from the entry node, so that a node's neighbours
   * mostly lie near it in memory: a search touches a few hundred 256-byte vectors scattered over
   * the whole array, and at 100k x 64 floats (25 MB) these cache misses, not the arithmetic, are
   * most of its time. Results are mapped back to the caller's numbering.
   */
  static FrozenGraph of(ImmutableGraphIndex graph, float[][] vectors) {
    int n = vectors.length;
    try (ImmutableGraphIndex.View view = graph.getView()) {
      ImmutableGraphIndex.NodeAtLevel entry = view.entryNode();
      int levels = Math.max(0, graph.getMaxLevel());
      int[][] lists = new int[n][];
      for (int i = 0; i < n; i++) {
        lists[i] = neighbours(view, 0, i);
      }
      int[] original = breadthFirst(lists, entry.node);
      int[] renamed = new int[n];
      for (int r = 0; r < n; r++) {
        renamed[original[r]] = r;
      }
      int[] baseStart = new int[n + 1];
      for (int r = 0; r < n; r++) {
        baseStart[r + 1] = baseStart[r] + lists[original[r]].length;
      }
      int[] base = new int[baseStart[n]];
      for (int r = 0; r < n; r++) {
        int[] l = lists[original[r]];
        for (int k = 0; k < l.length; k++) {
          base[baseStart[r] + k] = renamed[l[k]];
        }
      }
      int[][] upperNodes = new int[levels + 1][];
      int[][] upperStart = new int[levels + 1][];
      int[][] upperEdges = new int[levels + 1][];
      for (int level = 1; level <= levels; level++) {
        int[] old = drain(graph.getNodes(level));
        int[] nodes = new int[old.length];
        for (int k = 0; k < old.length; k++) {
          nodes[k] = renamed[old[k]];
        }
        Arrays.sort(nodes);
        int[] start = new int[nodes.length + 1];
        int[][] adj = new int[nodes.length][];
        for (int k = 0; k < nodes.length; k++) {
          adj[k] = neighbours(view, level, original[nodes[k]]);
          start[k + 1] = start[k] + adj[k].length;
        }
        int[] edges = new int[start[nodes.length]];
        for (int k = 0; k < nodes.length; k++) {
          for (int j = 0; j < adj[k].length; j++) {
            edges[start[k] + j] = renamed[adj[k][j]];
          }
        }
        upperNodes[level] = nodes;
        upperStart[level] = start;
        upperEdges[level] = edges;
      }
      return new FrozenGraph(
          vectors,
          original,
          renamed[entry.node],
          Math.min(entry.level, levels),
          baseStart,
          base,
          upperNodes,
          upperStart,
          upperEdges);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the jvector graph failed", e);
    }
  }

  /** Nodes in breadth-first order from {@code root}; nodes it cannot reach follow in id order. */
  private static int[] breadthFirst(int[][] lists, int root) {
    int n = lists.length;
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    int head = 0;
    int tail = 0;
    int scan = 0;
    seen[root] = true;
    order[tail++] = root;
    while (tail < n || head < tail) {
      if (head == tail) {
        // The root's component is done: continue from the lowest node not reached yet.
        while (seen[scan]) {
          scan++;
        }
        seen[scan] = true;
        order[tail++] = scan;
      }
      int node = order[head++];
      for (int nb : lists[node]) {
        if (!seen[nb]) {
          seen[nb] = true;
          order[tail++] = nb;
        }
      }
    }
    return order;
  }

  private static int[] neighbours(ImmutableGraphIndex.View view, int level, int node) {
    return drain(view.getNeighborsIterator(level, node));
  }

  private static int[] drain(NodesIterator it) {
    int[] out = new int[Math.max(it.size(), 0)];
    int n = 0;
    while (it.hasNext()) {
      if (n == out.length) {
        out = Arrays.copyOf(out, Math.max(4, n * 2));
      }
      out[n++] = it.nextInt();
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  int size() {
    return size;
  }

  int dimension() {
    return dim;
  }

  // The arrays below are handed out uncopied for FrozenGraphFile, which only reads them.

  /** The vectors, row r (not the caller's r: see {@link #original()}) at {@code r * dim}. */
  float[] flat() {
    return flat;
  }

  int entryNode() {
    return entryNode;
  }

  int entryLevel() {
    return entryLevel;
  }

  int[] original() {
    return original;
  }

  int[] baseStart() {
    return baseStart;
  }

  int[] base() {
    return base;
  }

  /** Levels 1..levels() are meaningful; index 0 is unused. */
  int levels() {
    return upperNodes.length - 1;
  }

  int[] upperNodes(int level) {
    return upperNodes[level];
  }

  int[] upperStart(int level) {
    return upperStart[level];
  }

  int[] upperEdges(int level) {
    return upperEdges[level];
  }

  /** Average out-degree of level 0, for descriptions and tests. */
  double averageDegree() {
    return base.length / (double) size;
  }

  /**
   * The best {@code k} nodes by inner product found by a beam of width {@code ef} (>= k): greedy
   * descent through the upper levels, then a best-first search of level 0 that stops when the best
   * unexpanded candidate is worse than the worst of the {@code ef} results. {@code simd} picks
   * jvector's vectorised dot product for the beam's scores instead of the scalar loop; reported
   * scores are computed the same way either way ({@link #sequentialDot}).
   */
  VectorIndex.Hits search(float[] query, int k, int ef, boolean simd) {
    Scratch s = scratch.get();
    int stamp = s.nextStamp();
    VectorFloat<?> qv = null;
    if (simd) {
      // Copied into this thread's vector: wrapping the query would allocate per search (jvector's
      // native provider allocates off-heap memory for every new vector).
      qv = s.query(dim);
      for (int d = 0; d < dim; d++) {
        qv.set(d, query[d]);
      }
    }
    int scored = 1;
    int current = entryNode;
    float currentScore = score(query, qv, current);
    for (int level = entryLevel; level >= 1; level--) {
      int[] nodes = upperNodes[level];
      int[] start = upperStart[level];
      int[] edges = upperEdges[level];
      boolean moved = true;
      while (moved) {
        moved = false;
        int at = Arrays.binarySearch(nodes, current);
        if (at < 0) {
          break;
        }
        scored += start[at + 1] - start[at];
        for (int e = start[at]; e < start[at + 1]; e++) {
          int nb = edges[e];
          float sc = score(query, qv, nb);
          if (sc > currentScore) {
            currentScore = sc;
            current = nb;
            moved = true;
          }
        }
      }
    }
    Heap candidates = s.candidates;
    Heap results = s.results;
    candidates.clear();
    results.clear();
    int[] visited = s.visited;
    visited[current] = stamp;
    candidates.push(current, -currentScore);
    results.push(current, currentScore);
    while (candidates.size() > 0) {
      float best = -candidates.topScore();
      if (results.size() >= ef && best < results.topScore()) {
        break;
      }
      int node = candidates.topNode();
      candidates.pop();
      // First mark the new neighbours and touch every cache line of their vectors: these loads
      // are independent, so the CPU overlaps their misses (Java has no prefetch instruction;
      // hnswlib prefetches explicitly). The dot products below then mostly hit the cache.
      int[] batch = s.batch;
      int m = 0;
      float touch = 0;
      for (int e = baseStart[node], end = baseStart[node + 1]; e < end; e++) {
        int nb = base[e];
        if (visited[nb] != stamp) {
          visited[nb] = stamp;
          batch[m++] = nb;
          int off = nb * dim;
          for (int d = 0; d < dim; d += 16) {
            touch += flat[off + d];
          }
          touch += flat[off + dim - 1];
        }
      }
      s.sink += touch;
      scored += m;
      for (int j = 0; j < m; j++) {
        int nb = batch[j];
        float sc = score(query, qv, nb);
        if (results.size() < ef || sc > results.topScore()) {
          candidates.push(nb, -sc);
          results.push(nb, sc);
          if (results.size() > ef) {
            results.pop();
          }
        }
      }
    }
    s.lastScored = scored;
    // The results heap pops worst first: fill the output from the back.
    while (results.size() > k) {
      results.pop();
    }
    int n = results.size();
    int[] items = new int[n];
    float[] scores = new float[n];
    for (int i = n - 1; i >= 0; i--) {
      int row = results.topNode();
      items[i] = original[row];
      scores[i] = sequentialDot(query, row);
      results.pop();
    }
    return new VectorIndex.Hits(items, scores);
  }

  /** How many vectors the calling thread's last {@link #search} scored (0 before any search). */
  int lastScored() {
    return scratch.get().lastScored;
  }

  /** The beam's score of row {@code node}: SIMD when the query was wrapped, scalar otherwise. */
  private float score(float[] q, VectorFloat<?> qv, int node) {
    return qv != null ? UTIL.dotProduct(qv, 0, flatVector, node * dim, dim) : dot(q, node);
  }

  /**
   * jvector's Panama (Vector API) provider where jvector's own choice is its native library, else
   * jvector's choice. Why not the native one (jvector picks it on JDK 22+ with native access): each
   * 64-float dot product becomes a downcall, it scores an off-heap copy of the vectors (another 256
   * MB at 1M x 64) that the beam's cache-line touches do not reach, and it measured slower (100k x
   * 64, ef 20, load ~9: 5.7k q/s against Panama's 8.8k). Panama wraps the heap array itself.
   */
  private static VectorizationProvider simdProvider() {
    VectorizationProvider chosen = VectorizationProvider.getInstance();
    if (!chosen.getClass().getSimpleName().startsWith("Native")) {
      return chosen;
    }
    try {
      return (VectorizationProvider)
          Class.forName("io.github.jbellis.jvector.vector.PanamaVectorizationProvider")
              .getConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return chosen;
    }
  }

  /** The provider's short name: {@code panama}, {@code native} or {@code default} (scalar). */
  static String simdProviderName() {
    return SIMD.getClass()
        .getSimpleName()
        .replace("VectorizationProvider", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** Inner product of the query with stored row {@code node}; four accumulators break the chain. */
  private float dot(float[] q, int node) {
    int off = node * dim;
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int d = 0;
    for (; d + 3 < dim; d += 4) {
      s0 += q[d] * flat[off + d];
      s1 += q[d + 1] * flat[off + d + 1];
      s2 += q[d + 2] * flat[off + d + 2];
      s3 += q[d + 3] * flat[off + d + 3];
    }
    for (; d < dim; d++) {
      s0 += q[d] * flat[off + d];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The same sum in index order, so reported scores equal {@link VectorIndex#dot} exactly. */
  private float sequentialDot(float[] q, int node) {
    int off = node * dim;
    float s = 0;
    for (int d = 0; d < dim; d++) {
      s += q[d] * flat[off + d];
    }
    return s;
  }

  /** Per-thread search state, reused across queries. */
  private static final class Scratch {
    final int[] visited;
    final Heap candidates = new Heap();
    final Heap results = new Heap();
    final int[] batch;
    int stamp;

    /** Vectors scored by the last search (upper levels and level 0), for benchmarks. */
    int lastScored;

    /** The query as jvector's vector type, allocated on this thread's first SIMD search. */
    private VectorFloat<?> query;

    VectorFloat<?> query(int dim) {
      if (query == null) {
        query = VTS.createFloatVector(dim);
      }
      return query;
    }

    /** Keeps the touching loads alive (the JIT would drop loads whose values go unused). */
    float sink;

    Scratch(int size, int maxDegree) {
      visited = new int[size];
      batch = new int[maxDegree];
    }

    int nextStamp() {
      if (++stamp == Integer.MAX_VALUE) {
        Arrays.fill(visited, 0);
        stamp = 1;
      }
      return stamp;
    }
  }

  /** A binary min-heap of (score, node) in parallel arrays; grows as needed, never shrinks. */
  private static final class Heap {
    private float[] score = new float[64];
    private int[] node = new int[64];
    private int size;

    void clear() {
      size = 0;
    }

    int size() {
      return size;
    }

    float topScore() {
      return score[0];
    }

    int topNode() {
      return node[0];
    }

    void push(int n, float s) {
      if (size == score.length) {
        score = Arrays.copyOf(score, size * 2);
        node = Arrays.copyOf(node, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (score[parent] <= s) {
          break;
        }
        score[i] = score[parent];
        node[i] = node[parent];
        i = parent;
      }
      score[i] = s;
      node[i] = n;
    }

    void pop() {
      float s = score[--size];
      int n = node[size];
      int i = 0;
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        if (child + 1 < size && score[child + 1] < score[child]) {
          child++;
        }
        if (score[child] >= s) {
          break;
        }
        score[i] = score[child];
        node[i] = node[child];
        i = child;
      }
      if (size > 0) {
        score[i] = s;
        node[i] = n;
      }
    }
  }
}
