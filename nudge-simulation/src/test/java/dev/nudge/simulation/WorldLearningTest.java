package dev.nudge.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.Policies;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.PolicySpec;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.bandit.neural.AdditiveUcbPolicy;
import dev.nudge.bandit.neural.BilinearUcbPolicy;
import dev.nudge.bandit.neural.NeuralPolicies;
import dev.nudge.bandit.twostage.KMeansTopics;
import dev.nudge.bandit.twostage.TopicEmbeddings;
import dev.nudge.bandit.twostage.TwoStagePolicies;
import dev.nudge.bandit.twostage.TwoStagePolicy;
import dev.nudge.core.Progress;
import dev.nudge.simulation.world.BankingWorld;
import dev.nudge.simulation.world.WorldConfig;
import dev.nudge.simulation.world.WorldDecisions;
import dev.nudge.simulation.world.WorldEmbeddings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every learning policy the registry knows beats uniform random on the synthetic nudge world by the
 * margin stated in its case (and in docs/policies.md): its expected regret over {@value #ROUNDS}
 * rounds is at most {@code maxRegretRatio} times random's. The world is small so that per-user
 * models learn within the run: {@value #USERS} users, {@value #NUDGES} nudges (five product
 * families, which the two-stage policies use as topics), the default hidden model, one nudge per
 * round (three in the cases that exercise DynaTopicRec's groups, measured against random's slates
 * of three). The neural policies read {@link WorldEmbeddings} of {@value #DIMENSION} dimensions
 * with per-coordinate noise {@value #EMBEDDING_NOISE} instead of a trained two-tower model.
 *
 * <p>Every run uses the same rounds, users, moments and click draws as random's (common random
 * numbers), so the ratio measures the policy, not the luck of the draw. Margins are the measured
 * ratio plus about 0.1, rounded. Each case must also stay under {@value #CPU_SECONDS_LIMIT} s of
 * CPU. {@link #everyLearningPolicyOfTheRegistryHasACase} fails when a policy is registered without
 * a case here.
 */
class WorldLearningTest {
  /** The command line's registry (PolicyCatalog): one-stage, neural and two-stage families. */
  static final Policies REGISTRY =
      TwoStagePolicies.register(NeuralPolicies.register(Policies.builtIn()));

  /** Registered policies that are not expected to learn. */
  static final Set<String> NOT_LEARNING = Set.of("random");

  static final int ROUNDS = 3_000;
  static final int USERS = 30;
  static final int NUDGES = 12;
  static final int DIMENSION = 16;
  static final double EMBEDDING_NOISE = 0.2;
  static final double CPU_SECONDS_LIMIT = 5;

  private static final BankingWorld WORLD =
      new BankingWorld(WorldConfig.defaults().withSize(USERS, NUDGES));
  private static final WorldEmbeddings EMBEDDINGS =
      new WorldEmbeddings(WORLD, DIMENSION, EMBEDDING_NOISE, 0);
  private static final BanditSimulator SIMULATOR =
      new BanditSimulator(new WorldDecisions(WORLD, EMBEDDINGS), WORLD.config().seed());

  /** Random's run per slate size, the yardstick. */
  private static final Map<Integer, SimulationResult> RANDOM = new ConcurrentHashMap<>();

  /** One policy, the slate size it shows, and its margin. */
  record Case(String label, Supplier<Policy> policy, int slateSize, double maxRegretRatio) {
    static Case spec(String spec, double maxRegretRatio) {
      return spec(spec, 1, maxRegretRatio);
    }

    static Case spec(String spec, int slateSize, double maxRegretRatio) {
      return new Case(
          slateSize == 1 ? spec : spec + ", slates of " + slateSize,
          () -> REGISTRY.create(spec),
          slateSize,
          maxRegretRatio);
    }

    /** The registry name of the policy's family. */
    String family() {
      return PolicySpec.parse(policy.get().name()).name();
    }

    @Override
    public String toString() {
      return label + " <= " + maxRegretRatio + " x random";
    }
  }

  static Stream<Case> cases() {
    String d = "d1=" + DIMENSION;
    String galm = "s-n-galm-ucb(" + d + ")";
    String gblm = "s-n-gblm-ucb(" + d + ")";
    String linucb = "linucb(alpha=0.5, lambda=1.0, d=35, features=arm+context)";
    return Stream.of(
        Case.spec("epsilon-greedy(epsilon=0.1)", 0.90),
        Case.spec("epsilon-greedy(epsilon=0.2, decay=0.01)", 0.85),
        Case.spec("epsilon-greedy(epsilon=0.1, discount=0.999)", 0.90),
        Case.spec("ucb1(c=0.2)", 0.85),
        Case.spec("ucb1(c=0.2, window=2000)", 0.85),
        Case.spec("softmax(temperature=0.02)", 0.80),
        Case.spec("beta-thompson(alpha=1.0, beta=1.0, samples=16)", 0.90),
        Case.spec("linucb(alpha=0.5, lambda=1.0, d=13, features=arm)", 0.90),
        Case.spec(linucb, 0.50),
        Case.spec("linucb(alpha=0.5, lambda=1.0, d=35, features=arm+context, window=2000)", 0.50),
        Case.spec("hybrid-linucb(alpha=0.5, lambda=1.0, k=13, contextDim=22, features=arm)", 0.60),
        Case.spec(
            "hybrid-linucb(alpha=0.5, lambda=1.0, k=16, contextDim=22, features=embedding)", 0.55),
        Case.spec("lints(v=0.1, lambda=1.0, d=35, features=arm+context, samples=16)", 0.80),
        Case.spec("glm-ucb(beta=0.1, lambda=1.0, d=13, features=arm)", 0.50),
        Case.spec("n-glm-ucb(beta=0.1, lambda=1.0, d=16)", 0.65),
        Case.spec("epsilon-mix(epsilon=0.05, policy=" + linucb + ")", 0.55),
        Case.spec("n-greedy", 0.45),
        Case.spec("n-dropout-ucb(passes=5, dropout=0.2, beta=0.1, samples=4)", 0.50),
        Case.spec(galm, 0.75),
        Case.spec("s-n-galm-ucb(" + d + ", gradient=1)", 0.95),
        Case.spec("s-n-galm-ucb-item(" + d + ")", 0.80),
        Case.spec(gblm, 0.45),
        Case.spec("s-n-gblm-ucb(" + d + ", gradient=1)", 0.60),
        Case.spec("s-n-gblm-ucb-kronecker(" + d + ")", 0.50),
        Case.spec("two-stage(topic=" + galm + ", item=" + galm + ", p=3)", 0.85),
        Case.spec("two-stage(topic=" + gblm + ", item=" + gblm + ", p=3)", 0.50),
        Case.spec("two-stage(topic=ucb1(c=0.2), item=epsilon-greedy(epsilon=0.1), p=3)", 0.80),
        // Slates of 3: flat S-N-GBLM-UCB, then two-stage, where DynaTopicRec splits the ranked
        // families into 3 groups, one per slot.
        Case.spec(gblm, 3, 0.35),
        Case.spec("two-stage(topic=" + gblm + ", item=" + gblm + ", p=3)", 3, 0.65),
        Case.spec("two-stage(topic=ucb1(c=0.2), item=epsilon-greedy(epsilon=0.1), p=3)", 3, 0.90),
        kmeansTwoStage("S-N-GBLM-UCB", () -> BilinearUcbPolicy.exact(DIMENSION, DIMENSION), 0.60),
        kmeansTwoStage("S-N-GALM-UCB", () -> AdditiveUcbPolicy.paper(DIMENSION, DIMENSION), 0.85));
  }

  /**
   * Two-stage with topics from k-means (4 clusters) over the nudge embeddings instead of the
   * families, the same policy in both stages: the route for data without topics.
   */
  private static Case kmeansTwoStage(String label, Supplier<Policy> stage, double maxRegretRatio) {
    return new Case(
        "two-stage over 4 k-means topics, " + label + " in both stages",
        () ->
            new TwoStagePolicy(
                stage.get(),
                stage.get(),
                KMeansTopics.fit(nudgeEmbeddings(), 4, 7, 50),
                TopicEmbeddings.mean(),
                3,
                TwoStagePolicy.DEFAULT_PROBABILITY_SAMPLES),
        1,
        maxRegretRatio);
  }

  private static SimulationResult random(int slateSize) {
    return RANDOM.computeIfAbsent(
        slateSize, m -> SIMULATOR.run(new RandomPolicy(), ROUNDS, m, Progress.silent()));
  }

  @Test
  void randomLeavesMuchToLearn() {
    // Random loses a large share of the oracle's clicks, so that the margins mean something.
    assertThat(random(1).regret()).isGreaterThan(0.5 * random(1).oracleClicks());
    assertThat(random(3).regret()).isGreaterThan(0.4 * random(3).oracleClicks());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void beatsRandomByItsStatedMargin(Case c) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    SimulationResult r = SIMULATOR.run(c.policy().get(), ROUNDS, c.slateSize(), Progress.silent());
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double ratio = r.regret() / random(c.slateSize()).regret();
    assertThat(ratio)
        .as(c.label() + ": regret / random's regret")
        .isLessThanOrEqualTo(c.maxRegretRatio());
    assertThat(cpuSeconds).as(c.label() + ": CPU seconds").isLessThan(CPU_SECONDS_LIMIT);
  }

  @Test
  void everyLearningPolicyOfTheRegistryHasACase() {
    Set<String> covered = cases().map(Case::family).collect(Collectors.toCollection(TreeSet::new));
    Set<String> learning = new TreeSet<>(REGISTRY.names());
    learning.removeAll(NOT_LEARNING);
    assertThat(covered).isEqualTo(learning);
  }

  private static float[][] nudgeEmbeddings() {
    float[][] points = new float[NUDGES][];
    for (int k = 0; k < NUDGES; k++) {
      points[k] = EMBEDDINGS.nudge(k);
    }
    return points;
  }
}
