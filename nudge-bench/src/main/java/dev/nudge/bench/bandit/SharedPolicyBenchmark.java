package dev.nudge.bench.bandit;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.neural.AdditiveUcbPolicy;
import dev.nudge.bandit.neural.BilinearUcbPolicy;
import dev.nudge.bandit.neural.NeuralGreedyPolicy;
import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decision and update time of the shared neural policies at d = 64 (issue 4 targets: S-N-GALM-UCB
 * decision over 1,000 candidates ≤ 0.5 ms, update ≤ 0.1 ms; S-N-GBLM-UCB exact decision including
 * M(z) ≤ 15 ms, update ≤ 40 ms). N-Greedy, a plain scan of dot products, is the same-run reference.
 * Each policy first learns from 64 random observations so that its matrices are not the identity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class SharedPolicyBenchmark {
  static final int D = 64;
  static final int SLATE = 10;

  @Param({"100", "1000"})
  int candidates;

  @Param({"n-greedy", "s-n-galm-ucb", "s-n-gblm-ucb", "s-n-gblm-ucb-kronecker"})
  String policy;

  private Policy instance;
  private DecisionContext context;
  private Feedback[] feedback;
  private int next;

  static Policy create(String name) {
    return switch (name) {
      case "n-greedy" -> new NeuralGreedyPolicy();
      case "s-n-galm-ucb" -> AdditiveUcbPolicy.paper(D, D);
      case "s-n-gblm-ucb" -> BilinearUcbPolicy.exact(D, D);
      case "s-n-gblm-ucb-kronecker" -> BilinearUcbPolicy.kronecker(D, D);
      default -> throw new IllegalArgumentException("unknown policy " + name);
    };
  }

  static float[] unit(RandomGenerator random) {
    float[] v = new float[D];
    double norm = 0;
    for (int i = 0; i < D; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < D; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  @Setup
  public void setUp() {
    RandomGenerator random = Seeds.random(2026, "shared-policy-benchmark");
    List<Arm> arms = new ArrayList<>(candidates);
    for (int i = 0; i < candidates; i++) {
      arms.add(new Arm("item-" + i, i, unit(random), null, i % 20));
    }
    context =
        new DecisionContext(
            "bench",
            0,
            unit(random),
            null,
            arms,
            SLATE,
            DecisionContext.UNLIMITED,
            Seeds.forEvent("bench"));
    instance = create(policy);
    feedback = new Feedback[64];
    for (int i = 0; i < feedback.length; i++) {
      DecisionContext c =
          new DecisionContext(
              "learn-" + i,
              0,
              unit(random),
              null,
              arms,
              1,
              DecisionContext.UNLIMITED,
              Seeds.forEvent("l" + i));
      feedback[i] = new Feedback(c, arms.get(random.nextInt(candidates)), 0, random.nextInt(2));
      instance.learn(feedback[i]);
    }
  }

  @Benchmark
  public Slate decide() {
    return instance.decide(context);
  }

  @Benchmark
  public Policy learn() {
    instance.learn(feedback[next++ & 63]);
    return instance;
  }
}
