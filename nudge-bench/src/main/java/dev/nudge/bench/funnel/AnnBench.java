package dev.nudge.bench.funnel;

import dev.nudge.candidates.ExactVectorIndex;
import dev.nudge.candidates.JVectorIndex;
import dev.nudge.candidates.VectorIndex;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * ANN benchmark: writes N synthetic low-rank vectors (a 16-d Gaussian latent mapped to d dims plus
 * small noise, L2-normalised, like learned embeddings) and Q queries as raw little-endian float32,
 * the exact top-10 by inner product as int32, then builds the jvector index and measures recall@10
 * and single-thread queries/s for several search beams. Prints one JSON object per line.
 *
 * <p>Usage: {@code AnnBench <n> <dim> <queries> <outDir> [seed]}; graph parameters from system
 * properties {@code ann.M} (default 32), {@code ann.beam} (100), {@code ann.alpha} (1.2), {@code
 * ann.overflow} (1.2), search beams from {@code ann.efs} (comma-separated, default
 * 10,15,20,25,30,40,60,80,160) and the beam's dot product from {@code ann.dot} ({@code simd},
 * {@code scalar} or {@code both}, the default: SIMD rows are {@code jvector}, scalar ones {@code
 * jvector-scalar}).
 *
 * <p>The exact top-10 ({@code gt.i32} with its key {@code gt.key}) and the built graph ({@code
 * graphs/jvector-<data>-<build params>.graph}, with its build time in {@code .build}) stay in the
 * output directory and are re-used by a later run with the same n, dim, queries, seed and build
 * parameters: a search-only re-run of a million vectors then takes minutes, not the build's half
 * hour or more.
 */
public final class AnnBench {
  /**
   * Queries/s are reported per second of this thread's CPU time as well as of wall time: on a
   * shared, overloaded machine wall time mostly measures the other tenants.
   */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * jvector's M bounds every node's degree, while hnswlib's level 0 allows 2M: 32 here matches the
   * bottom level of hnswlib's M = 16. With 16, recall 0.95 needed ef = 40 and ran at about 0.55 x
   * hnswlib's rate; with 32, ef = 20 reaches it (2026-11-23, bench/results/funnel-ann-*.md).
   */
  static final int DEFAULT_M = 32;

  private AnnBench() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int q = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : Seeds.DEFAULT_SEED;
    Files.createDirectories(out);
    PrintStream log = System.out;
    int threads = Runtime.getRuntime().availableProcessors();

    phase("generating %d + %d vectors, d = %d", n, q, dim);
    float[][] base = lowRank(seed, "base", n, dim, 16, seed);
    float[][] queries = lowRank(seed, "queries", q, dim, 16, seed);
    write(out.resolve("base.f32"), base);
    write(out.resolve("queries.f32"), queries);

    // Ground truth and graph are kept under outDir keyed by everything they depend on, so that a
    // re-run (a quiet machine, a search change) pays neither the exact scan nor the build again.
    String dataKey = "n" + n + "-d" + dim + "-q" + q + "-s" + seed;
    Path gtKey = out.resolve("gt.key");
    int[][] truth;
    double gtSeconds;
    ExactVectorIndex exact = ExactVectorIndex.of(base);
    List<String> cachedGt =
        Files.isReadable(gtKey) && Files.isReadable(out.resolve("gt.i32"))
            ? Files.readAllLines(gtKey)
            : List.of();
    if (cachedGt.size() == 2 && cachedGt.get(0).equals(dataKey)) {
      phase("exact top-10 of %d queries: re-using %s (%s)", q, out.resolve("gt.i32"), dataKey);
      truth = readInts(out.resolve("gt.i32"), q);
      gtSeconds = Double.parseDouble(cachedGt.get(1));
    } else {
      phase("exact top-10 of %d queries over %d vectors on %d threads", q, n, threads);
      long t0 = System.nanoTime();
      int[][] computed = new int[q][];
      IntStream.range(0, q)
          .parallel()
          .forEach(i -> computed[i] = exact.search(queries[i], 10).items());
      truth = computed;
      gtSeconds = (System.nanoTime() - t0) / 1e9;
      writeInts(out.resolve("gt.i32"), truth);
      Files.write(gtKey, List.of(dataKey, String.format(Locale.ROOT, "%.2f", gtSeconds)));
    }
    // Exact single-thread throughput on a sample, as a reference line.
    int sample = Math.min(q, 100);
    long e0 = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < sample; i++) {
      exact.search(queries[i], 10);
    }
    double exactQps = sample / ((CPU.getCurrentThreadCpuTime() - e0) / 1e9);
    log.printf(
        Locale.ROOT,
        "{\"lib\":\"exact-java\",\"n\":%d,\"dim\":%d,\"queries\":%d,\"gt_seconds\":%.2f,"
            + "\"qps\":%.1f,\"qps_cpu\":%.1f,\"recall\":1.0}%n",
        n,
        dim,
        q,
        gtSeconds,
        exactQps,
        exactQps);

    JVectorIndex.Params params =
        new JVectorIndex.Params(
            Integer.getInteger("ann.M", DEFAULT_M),
            Integer.getInteger("ann.beam", 100),
            10,
            threads,
            Float.parseFloat(System.getProperty("ann.alpha", "1.2")),
            Float.parseFloat(System.getProperty("ann.overflow", "1.2")));
    CachedGraph cached = graph(out, dataKey, base, params);
    JVectorIndex index = cached.index();
    phase(
        "searching (%s graph, built in %.1f s)",
        cached.reused() ? "saved" : "new", cached.buildSeconds());
    String dot = System.getProperty("ann.dot", "both");
    List<Boolean> kernels =
        switch (dot) {
          case "simd" -> List.of(true);
          case "scalar" -> List.of(false);
          case "both" -> List.of(true, false);
          default ->
              throw new IllegalArgumentException(
                  "ann.dot must be simd, scalar or both, got " + dot);
        };
    int[] efs =
        Arrays.stream(System.getProperty("ann.efs", "10,15,20,25,30,40,60,80,160").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    for (boolean simd : kernels) {
      // Let the JIT compile the search path before anything is timed (C2 threads starve under
      // load).
      JVectorIndex warm = index.withSimd(simd).withSearchBeam(40);
      for (int rep = 0; rep < 3; rep++) {
        for (float[] query : queries) {
          warm.search(query, 10);
        }
      }
    }
    // Kernels alternate within each round and each row is the median of the rounds, so that a
    // burst of load from other tenants hits one round of one kernel, not a whole curve.
    int rounds = Integer.getInteger("ann.rounds", 3);
    for (int ef : efs) {
      List<JVectorIndex> searchers =
          kernels.stream().map(k -> index.withSimd(k).withSearchBeam(ef)).toList();
      double[][] cpu = new double[searchers.size()][rounds];
      double[][] wall = new double[searchers.size()][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < searchers.size(); k++) {
          double[] t = timePass(searchers.get(k), queries);
          cpu[k][r] = t[0];
          wall[k][r] = t[1];
        }
      }
      for (int k = 0; k < searchers.size(); k++) {
        log.println(row(searchers.get(k), queries, truth, cached, threads, cpu[k], wall[k]));
      }
    }
    Runtime rt = Runtime.getRuntime();
    log.printf(
        Locale.ROOT,
        "{\"lib\":\"memory\",\"side\":\"java\",\"peak_rss_mb\":%d,\"xmx_mb\":%d,"
            + "\"heap_used_mb\":%d}%n",
        peakRssKb() / 1024,
        rt.maxMemory() >> 20,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }

  /** A graph built now or read from a file an earlier run saved, with its build time. */
  private record CachedGraph(
      JVectorIndex index, boolean reused, double buildSeconds, int threads) {}

  /**
   * The jvector graph for these vectors and parameters: read from {@code out/graphs} when an
   * earlier run saved it (its file name holds data and build parameters), otherwise built and saved
   * there.
   */
  private static CachedGraph graph(Path out, String dataKey, float[][] base, JVectorIndex.Params p)
      throws IOException {
    String name =
        String.format(
            Locale.ROOT,
            "jvector-%s-M%d-b%d-a%.2f-o%.2f",
            dataKey,
            p.maxDegree(),
            p.beamWidth(),
            p.alpha(),
            p.neighbourOverflow());
    Path file = out.resolve("graphs").resolve(name + ".graph");
    Path meta = out.resolve("graphs").resolve(name + ".build");
    if (Files.isReadable(file) && Files.isReadable(meta)) {
      phase("jvector graph: re-using %s", file);
      String[] built = Files.readString(meta).trim().split(" ");
      return new CachedGraph(
          JVectorIndex.load(file, base, p),
          true,
          Double.parseDouble(built[0]),
          Integer.parseInt(built[1]));
    }
    phase(
        "jvector build (M = %d, beam %d, alpha %.2f) on %d threads",
        p.maxDegree(), p.beamWidth(), p.alpha(), p.buildThreads());
    long b0 = System.nanoTime();
    JVectorIndex index;
    try (Progress bar = Progress.bar("jvector build", base.length, "vectors")) {
      index = JVectorIndex.build(base, p, bar);
    }
    double seconds = (System.nanoTime() - b0) / 1e9;
    phase("jvector build done in %.1f s; saving %s", seconds, file);
    index.save(file);
    Files.writeString(meta, String.format(Locale.ROOT, "%.2f %d%n", seconds, p.buildThreads()));
    return new CachedGraph(index, false, seconds, p.buildThreads());
  }

  /** One timed pass over all queries (after 200 untimed): {CPU seconds, wall seconds}. */
  private static double[] timePass(JVectorIndex searcher, float[][] queries) {
    for (int i = 0; i < Math.min(queries.length, 200); i++) {
      searcher.search(queries[i], 10);
    }
    long s0 = System.nanoTime();
    long c0 = CPU.getCurrentThreadCpuTime();
    for (float[] query : queries) {
      searcher.search(query, 10);
    }
    return new double[] {
      (CPU.getCurrentThreadCpuTime() - c0) / 1e9, (System.nanoTime() - s0) / 1e9
    };
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /**
   * One JSON row for one beam and kernel: recall@10 and the vectors scored per query (an untimed
   * pass), and single-thread queries/s per CPU and wall second, the median of the timed rounds.
   */
  private static String row(
      JVectorIndex searcher,
      float[][] queries,
      int[][] truth,
      CachedGraph g,
      int threads,
      double[] cpu,
      double[] wall) {
    int q = queries.length;
    int found = 0;
    long scored = 0;
    for (int i = 0; i < q; i++) {
      found += overlap(truth[i], searcher.search(queries[i], 10).items());
      scored += searcher.lastSearchScored();
    }
    JVectorIndex.Params p = searcher.params();
    return String.format(
        Locale.ROOT,
        "{\"lib\":\"%s\",\"params\":\"M=%d,efConstruction=%d,alpha=%.2f,"
            + "overflow=%.2f,avgDegree=%.1f,dot=%s,graph=%s\",\"ef\":%d,"
            + "\"build_seconds\":%.2f,\"build_threads\":%d,\"qps\":%.1f,"
            + "\"qps_cpu\":%.1f,\"recall\":%.4f,\"scored_per_query\":%.1f,"
            + "\"rounds\":%d,\"search_threads\":1,\"cpus\":%d}",
        searcher.simd() ? "jvector" : "jvector-scalar",
        p.maxDegree(),
        p.beamWidth(),
        p.alpha(),
        p.neighbourOverflow(),
        searcher.averageDegree(),
        searcher.simd() ? "simd-" + JVectorIndex.simdProvider() : "scalar",
        g.reused() ? "saved" : "built",
        p.searchBeam(),
        g.buildSeconds(),
        g.threads(),
        q / median(wall),
        q / median(cpu),
        found / (10.0 * q),
        scored / (double) q,
        cpu.length,
        threads);
  }

  /** Peak resident set size of this process (VmHWM, kB), -1 where /proc is not there. */
  static long peakRssKb() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** A timestamped phase line on standard error: standard output stays JSON lines. */
  private static void phase(String format, Object... args) {
    System.err.printf(
        Locale.ROOT,
        "[%s] ann: %s%n",
        java.time.LocalTime.now().withNano(0),
        String.format(Locale.ROOT, format, args));
  }

  static int overlap(int[] truth, int[] got) {
    int c = 0;
    for (int g : got) {
      for (int t : truth) {
        if (g == t) {
          c++;
          break;
        }
      }
    }
    return c;
  }

  static float[][] lowRank(long root, String stream, int n, int dim, int latent, long seed) {
    RandomGenerator mapRnd = Seeds.random(seed, "ann.map");
    float[][] map = new float[latent][dim];
    for (float[] row : map) {
      for (int d = 0; d < dim; d++) {
        row[d] = (float) mapRnd.nextGaussian();
      }
    }
    float[][] out = new float[n][dim];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              RandomGenerator rnd = Seeds.random(Seeds.derive(root, stream), i);
              float[] v = out[i];
              for (int l = 0; l < latent; l++) {
                float z = (float) rnd.nextGaussian();
                for (int d = 0; d < dim; d++) {
                  v[d] += z * map[l][d];
                }
              }
              double norm = 0;
              for (int d = 0; d < dim; d++) {
                v[d] += 0.1f * (float) rnd.nextGaussian();
                norm += v[d] * v[d];
              }
              for (int d = 0; d < dim; d++) {
                v[d] /= (float) Math.sqrt(norm);
              }
            });
    return out;
  }

  static void write(Path file, float[][] rows) throws IOException {
    int dim = rows[0].length;
    ByteBuffer buf =
        ByteBuffer.allocate(rows.length * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      for (float x : r) {
        buf.putFloat(x);
      }
    }
    buf.flip();
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  /** The first 10 ids of each of {@code rows} rows of a file {@link #writeInts} wrote. */
  static int[][] readInts(Path file, int rows) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (buf.remaining() != rows * 10 * Integer.BYTES) {
      throw new IOException(
          file + " holds " + buf.remaining() + " bytes, not " + rows + " x 10 ids");
    }
    int[][] out = new int[rows][10];
    for (int[] r : out) {
      for (int k = 0; k < 10; k++) {
        r[k] = buf.getInt();
      }
    }
    return out;
  }

  static void writeInts(Path file, int[][] rows) throws IOException {
    ByteBuffer buf =
        ByteBuffer.allocate(rows.length * 10 * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int[] r : rows) {
      int[] padded = Arrays.copyOf(r, 10);
      for (int x : padded) {
        buf.putInt(x);
      }
    }
    buf.flip();
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  /** Unused by the run itself; keeps the VectorIndex contract visible to readers of the bench. */
  static float score(VectorIndex index, float[] q) {
    return index.search(q, 1).scores()[0];
  }
}
