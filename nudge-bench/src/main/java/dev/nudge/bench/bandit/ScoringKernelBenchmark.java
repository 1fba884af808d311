package dev.nudge.bench.bandit;

import dev.nudge.bandit.neural.BlockBilinearInverse;
import dev.nudge.bandit.neural.ScoringKernels;
import dev.nudge.core.Seeds;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring kernels alone, for GFLOP/s (d = 64):
 *
 * <ul>
 *   <li>{@code candidateBonuses}: xᵀM x in float for 1,000 candidates, 1000·(2·64² + 2·64) = 8.32
 *       MFLOP per call; M is 16 KiB and stays in L1, so this is the compute-bound kernel;
 *   <li>{@code reduceExact}: M(z) over the exact block inverse, 2080 blocks of 2·64² + 2·64 flops =
 *       17.3 MFLOP in double, streaming 68 MiB (memory-bound);
 * </ul>
 *
 * Without the reduction each candidate's bonus vec(x zᵀ)ᵀW⁻¹vec(x zᵀ) would stream all of W⁻¹ once,
 * i.e. cost one {@code reduceExact} per candidate. Run once as is and once with {@code
 * -jvmArgsAppend -Dnudge.kernels=scalar} for the plain-loop reference.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class ScoringKernelBenchmark {
  static final int D = 64;
  static final int CANDIDATES = 1000;

  private float[] m;
  private float[][] xs;
  private BlockBilinearInverse inverse;
  private double[] z;
  private double[] reduced;

  @Setup
  public void setUp() {
    RandomGenerator random = Seeds.random(7, "kernel-benchmark");
    m = new float[D * D];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) random.nextGaussian();
    }
    xs = new float[CANDIDATES][];
    for (int k = 0; k < CANDIDATES; k++) {
      xs[k] = SharedPolicyBenchmark.unit(random);
    }
    inverse = new BlockBilinearInverse(D, D);
    double[] out = new double[D * D];
    for (int t = 0; t < 16; t++) {
      inverse.add(
          toDouble(SharedPolicyBenchmark.unit(random)),
          toDouble(SharedPolicyBenchmark.unit(random)),
          out);
    }
    z = toDouble(SharedPolicyBenchmark.unit(random));
    reduced = new double[D * D];
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  @Benchmark
  public float candidateBonuses() {
    float s = 0;
    for (float[] c : xs) {
      s += ScoringKernels.quadraticForm(m, 0, c, D);
    }
    return s;
  }

  @Benchmark
  public double[] reduceExact() {
    inverse.reduce(z, reduced);
    return reduced;
  }
}
