package dev.nudge.bench.bandit;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.neural.BlockBilinearInverse;
import dev.nudge.bandit.neural.ScoringKernels;
import dev.nudge.core.Seeds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The same operations as {@link SharedPolicyBenchmark} and {@link ScoringKernelBenchmark}, timed by
 * the thread's CPU time as well as wall time. On a machine shared far beyond its cores (load 20 on
 * 2 cores while these numbers were taken) wall time measures the queue for a core; CPU time
 * measures the code. Each operation is warmed up, then timed in batches; the median per-operation
 * time over the batches is reported.
 *
 * <p>Usage: {@code SharedPolicyCpuTime <output.md>}; appends one Markdown table.
 */
public final class SharedPolicyCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SharedPolicyCpuTime() {}

  /** Median CPU and wall nanoseconds per run of {@code op}. */
  private record Timing(double cpuNanos, double wallNanos) {}

  private static Timing time(Runnable op, int warmup, int batches, int perBatch) {
    for (int i = 0; i < warmup; i++) {
      op.run();
    }
    double[] cpu = new double[batches];
    double[] wall = new double[batches];
    for (int b = 0; b < batches; b++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        op.run();
      }
      cpu[b] = (THREADS.getCurrentThreadCpuTime() - c0) / (double) perBatch;
      wall[b] = (System.nanoTime() - w0) / (double) perBatch;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    return new Timing(cpu[batches / 2], wall[batches / 2]);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SharedPolicyCpuTime <output.md>");
    }
    List<String> rows = new ArrayList<>();
    rows.add("");
    rows.add(
        "Kernels: "
            + (ScoringKernels.vectorised() ? "Vector API" : "plain loops")
            + " (java "
            + Runtime.version()
            + ")");
    rows.add("");
    rows.add(
        "| operation | candidates | CPU time median | wall time median | GFLOP/s (CPU time) |");
    rows.add("|---|---|---|---|---|");
    for (int candidates : new int[] {100, 1000}) {
      for (String name :
          List.of("n-greedy", "s-n-galm-ucb", "s-n-gblm-ucb", "s-n-gblm-ucb-kronecker")) {
        boolean heavy = name.equals("s-n-gblm-ucb");
        RandomGenerator random = Seeds.random(2026, "shared-policy-cpu-time");
        List<Arm> arms = new ArrayList<>(candidates);
        for (int i = 0; i < candidates; i++) {
          arms.add(new Arm("item-" + i, i, SharedPolicyBenchmark.unit(random), null, i % 20));
        }
        DecisionContext context =
            new DecisionContext(
                "bench",
                0,
                SharedPolicyBenchmark.unit(random),
                null,
                arms,
                SharedPolicyBenchmark.SLATE,
                DecisionContext.UNLIMITED,
                Seeds.forEvent("bench"));
        Policy policy = SharedPolicyBenchmark.create(name);
        Feedback[] feedback = new Feedback[64];
        for (int i = 0; i < feedback.length; i++) {
          DecisionContext c =
              new DecisionContext(
                  "learn-" + i,
                  0,
                  SharedPolicyBenchmark.unit(random),
                  null,
                  arms,
                  1,
                  DecisionContext.UNLIMITED,
                  Seeds.forEvent("l" + i));
          feedback[i] = new Feedback(c, arms.get(random.nextInt(candidates)), 0, random.nextInt(2));
        }
        int[] next = {0};
        Timing learn =
            time(
                () -> policy.learn(feedback[next[0]++ & 63]),
                heavy ? 20 : 2000,
                heavy ? 9 : 15,
                heavy ? 3 : 500);
        Timing decide =
            time(() -> policy.decide(context), heavy ? 20 : 500, heavy ? 9 : 15, heavy ? 3 : 50);
        rows.add(row(name + " decide", candidates, decide, 0));
        rows.add(row(name + " update", candidates, learn, 0));
      }
    }
    // Kernels.
    RandomGenerator random = Seeds.random(7, "kernel-cpu-time");
    int d = SharedPolicyBenchmark.D;
    float[] m = new float[d * d];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) random.nextGaussian();
    }
    float[][] xs = new float[1000][];
    for (int k = 0; k < xs.length; k++) {
      xs[k] = SharedPolicyBenchmark.unit(random);
    }
    float[] sink = new float[1];
    Timing bonuses =
        time(
            () -> {
              for (float[] x : xs) {
                sink[0] += ScoringKernels.quadraticForm(m, 0, x, d);
              }
            },
            2000,
            15,
            20);
    rows.add(
        row("kernel: xᵀMx float, 1000 candidates", 1000, bonuses, 1000.0 * (2 * d * d + 2 * d)));
    BlockBilinearInverse inverse = new BlockBilinearInverse(d, d);
    double[] out = new double[d * d];
    double[] z = toDouble(SharedPolicyBenchmark.unit(random));
    for (int t = 0; t < 8; t++) {
      inverse.add(toDouble(SharedPolicyBenchmark.unit(random)), z, out);
    }
    double[] reduced = new double[d * d];
    int blocks = d * (d + 1) / 2;
    Timing reduce = time(() -> inverse.reduce(z, reduced), 30, 9, 5);
    rows.add(
        row("kernel: M(z) reduction, exact, double", 0, reduce, blocks * (2.0 * d * d + 2 * d)));
    double[] x = toDouble(SharedPolicyBenchmark.unit(random));
    Timing update = time(() -> inverse.add(x, z, out), 10, 9, 3);
    rows.add(row("kernel: W⁻¹ rank-1 update, exact, double", 0, update, blocks * 6.0 * d * d));
    Files.write(
        Path.of(args[0]),
        rows,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static String row(String op, int candidates, Timing t, double flops) {
    String gflops = flops > 0 ? String.format(Locale.ROOT, "%.1f", flops / t.cpuNanos()) : "";
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %s | %s |",
        op,
        candidates > 0 ? Integer.toString(candidates) : "",
        human(t.cpuNanos()),
        human(t.wallNanos()),
        gflops);
  }

  private static String human(double nanos) {
    return nanos >= 1e6
        ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
