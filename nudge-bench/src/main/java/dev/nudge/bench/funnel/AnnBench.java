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
 * ann.overflow} (1.2) and search beams from {@code ann.efs} (comma-separated, default
 * 10,15,20,25,30,40,60,80,160).
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

    phase("exact top-10 of %d queries over %d vectors on %d threads", q, n, threads);
    long t0 = System.nanoTime();
    ExactVectorIndex exact = ExactVectorIndex.of(base);
    int[][] truth = new int[q][];
    IntStream.range(0, q).parallel().forEach(i -> truth[i] = exact.search(queries[i], 10).items());
    double gtSeconds = (System.nanoTime() - t0) / 1e9;
    writeInts(out.resolve("gt.i32"), truth);
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

    long b0 = System.nanoTime();
    JVectorIndex.Params params =
        new JVectorIndex.Params(
            Integer.getInteger("ann.M", DEFAULT_M),
            Integer.getInteger("ann.beam", 100),
            10,
            threads,
            Float.parseFloat(System.getProperty("ann.alpha", "1.2")),
            Float.parseFloat(System.getProperty("ann.overflow", "1.2")));
    phase(
        "jvector build (M = %d, beam %d) on %d threads",
        params.maxDegree(), params.beamWidth(), threads);
    JVectorIndex index;
    try (Progress bar = Progress.bar("jvector build", n, "vectors")) {
      index = JVectorIndex.build(base, params, bar);
    }
    double build = (System.nanoTime() - b0) / 1e9;
    phase("jvector build done in %.1f s; searching", build);
    // Let the JIT compile the search path before anything is timed (C2 threads starve under load).
    JVectorIndex warm = index.withSearchBeam(40);
    for (int rep = 0; rep < 3; rep++) {
      for (float[] query : queries) {
        warm.search(query, 10);
      }
    }
    int[] efs =
        Arrays.stream(System.getProperty("ann.efs", "10,15,20,25,30,40,60,80,160").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    for (int ef : efs) {
      JVectorIndex searcher = index.withSearchBeam(ef);
      for (int i = 0; i < Math.min(q, 200); i++) {
        searcher.search(queries[i], 10);
      }
      int found = 0;
      long s0 = System.nanoTime();
      long c0 = CPU.getCurrentThreadCpuTime();
      int[][] got = new int[q][];
      for (int i = 0; i < q; i++) {
        got[i] = searcher.search(queries[i], 10).items();
      }
      double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
      double secs = (System.nanoTime() - s0) / 1e9;
      for (int i = 0; i < q; i++) {
        found += overlap(truth[i], got[i]);
      }
      log.printf(
          Locale.ROOT,
          "{\"lib\":\"jvector\",\"params\":\"M=%d,efConstruction=%d,alpha=%.2f,"
              + "overflow=%.2f,avgDegree=%.1f\",\"ef\":%d,"
              + "\"build_seconds\":%.2f,\"build_threads\":%d,\"qps\":%.1f,"
              + "\"qps_cpu\":%.1f,\"recall\":%.4f}%n",
          params.maxDegree(),
          params.beamWidth(),
          params.alpha(),
          params.neighbourOverflow(),
          index.averageDegree(),
          ef,
          build,
          threads,
          q / secs,
          q / cpu,
          found / (10.0 * q));
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
