package dev.nudge.bench.bandit;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policies;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import dev.nudge.math.Dense;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decision and update time of every one-stage policy of nudge-bandit, with 100 and 1,000 candidates
 * of dimension 64 (features and embeddings), no scoring budget, slate of one. Each policy first
 * learns one reward per candidate and 512 more, so that no candidate is scored from an empty model.
 * GLM-UCB refits a user's logistic model on every update, so its cost grows with the user's
 * history; here the user keeps a window of 256 observations, the cost of a heavy user in steady
 * state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CorePolicyBenchmark {
  static final int D = 64;
  static final int WARM_REWARDS = 512;
  static final int PREPARED = 64;

  @Param({
    "random",
    "epsilon-greedy",
    "ucb1",
    "softmax",
    "beta-thompson",
    "linucb(d=64)",
    "hybrid-linucb(k=64, contextDim=4)",
    "lints(d=64)",
    "glm-ucb(d=64, window=256)",
    "n-glm-ucb(d=64, window=256)",
    "epsilon-mix(policy=linucb(d=64))"
  })
  public String policy;

  @Param({"100", "1000"})
  public int candidates;

  private Policy subject;
  private DecisionContext[] contexts;
  private Feedback[] feedbacks;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    RandomGenerator random = Seeds.random(Seeds.DEFAULT_SEED, "bench.bandit.core");
    List<Arm> arms = new ArrayList<>(candidates);
    for (int i = 0; i < candidates; i++) {
      double[] x = new double[D];
      float[] e = new float[D];
      for (int j = 0; j < D; j++) {
        x[j] = random.nextGaussian() / 8;
        e[j] = (float) x[j];
      }
      arms.add(new Arm("item-" + i, i, e, x, -1));
    }
    contexts = new DecisionContext[PREPARED];
    feedbacks = new Feedback[PREPARED];
    for (int c = 0; c < PREPARED; c++) {
      double[] features = new double[4];
      for (int j = 0; j < features.length; j++) {
        features[j] = random.nextGaussian();
      }
      contexts[c] =
          new DecisionContext(
              "bench-" + c,
              0,
              null,
              features,
              arms,
              1,
              DecisionContext.UNLIMITED,
              Seeds.random(Seeds.DEFAULT_SEED, c));
      Arm shown = arms.get(random.nextInt(candidates));
      feedbacks[c] = new Feedback(contexts[c], shown, 0, random.nextDouble() < 0.3 ? 1 : 0);
    }
    subject = Policies.builtIn().create(policy);
    // Every arm is shown once first, so per-arm models (disjoint LinUCB) exist for all candidates
    // and each decision pays the full O(d²) per candidate, then the prepared rewards repeat.
    for (int i = 0; i < candidates; i++) {
      DecisionContext context = contexts[i % PREPARED];
      subject.learn(new Feedback(context, arms.get(i), 0, random.nextDouble() < 0.3 ? 1 : 0));
    }
    for (int t = 0; t < WARM_REWARDS; t++) {
      subject.learn(feedbacks[t % PREPARED]);
    }
  }

  @Benchmark
  public Slate decide() {
    return subject.decide(contexts[next++ & (PREPARED - 1)]);
  }

  @Benchmark
  public Policy update() {
    subject.learn(feedbacks[next++ & (PREPARED - 1)]);
    return subject;
  }

  /**
   * The O(d²) kernel every UCB decision runs per candidate, xᵀA⁻¹x at d = 64, against a reference
   * in the same run: the textbook row-by-row dot product, whose floating-point sum reduction
   * HotSpot does not vectorise. 2·d² flops per call.
   */
  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public static class Kernels {
    private final double[] matrix = new double[D * D];
    private final double[] x = new double[D];
    private final double[] scratch = new double[D];

    @Setup(Level.Trial)
    public void setUp() {
      RandomGenerator random = Seeds.random(Seeds.DEFAULT_SEED, "bench.bandit.kernels");
      for (int i = 0; i < D; i++) {
        x[i] = random.nextGaussian();
        for (int j = 0; j <= i; j++) {
          double v = random.nextGaussian() / D + (i == j ? 1 : 0);
          matrix[i * D + j] = v;
          matrix[j * D + i] = v;
        }
      }
    }

    @Benchmark
    public double quadraticForm() {
      return Dense.quadraticForm(matrix, x, scratch, D);
    }

    @Benchmark
    public double quadraticFormReference() {
      double total = 0;
      for (int i = 0; i < D; i++) {
        double s = 0;
        for (int j = 0; j < D; j++) {
          s += matrix[i * D + j] * x[j];
        }
        total += x[i] * s;
      }
      return total;
    }
  }
}
