package dev.nudge.simulation;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.simulation.world.BankingWorld;
import dev.nudge.simulation.world.WorldDecisions;
import dev.nudge.simulation.world.WorldRound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a bandit policy on the synthetic world, round by round: draw the round's user and moment,
 * let the policy decide, sample clicks from the true model, let it learn, and keep score against
 * the oracle that knows the true probabilities.
 *
 * <p>Common random numbers: round t has the same user, moment and click draws for every policy (a
 * nudge shown in round t is clicked iff a uniform fixed by (seed, t, nudge) falls below its
 * probability), so differences between policies come from their choices, not from luck of the draw.
 * A policy's own randomness comes from the decision's generator, seeded by (seed, t).
 *
 * <p>Stateless between runs; one simulator may run several policies, one after the other or on
 * several threads.
 */
public final class BanditSimulator {
  private static final int PROGRESS_STEP = 1024;

  /** About this many checkpoints per run: enough for a smooth regret curve. */
  public static final int CHECKPOINTS = 50;

  private final BankingWorld world;
  private final WorldDecisions decisions;
  private final long decisionSeed;
  private final long clickSeed;

  /** A simulator on {@code world} whose decision and click draws derive from {@code seed}. */
  public BanditSimulator(BankingWorld world, long seed) {
    this(new WorldDecisions(Objects.requireNonNull(world, "world")), seed);
  }

  /**
   * A simulator that decides through {@code decisions} (for instance with {@link
   * dev.nudge.simulation.world.WorldEmbeddings}, for the neural policies) on their world. The
   * rounds, clicks and decision draws are those of {@link #BanditSimulator(BankingWorld, long)}
   * with the same world and seed, so runs with and without embeddings are compared on common random
   * numbers.
   */
  public BanditSimulator(WorldDecisions decisions, long seed) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.world = decisions.world();
    this.decisionSeed = Seeds.derive(seed, "simulation.decide");
    this.clickSeed = Seeds.derive(seed, "simulation.click");
  }

  public BankingWorld world() {
    return world;
  }

  /**
   * Runs {@code policy} for rounds 0..rounds-1, showing {@code slateSize} nudges per round. The
   * policy learns from every shown nudge (reward 1 for a click, 0 otherwise).
   */
  public SimulationResult run(Policy policy, int rounds, int slateSize, Progress progress) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(progress, "progress");
    if (rounds < 0) {
      throw new IllegalArgumentException("rounds must be >= 0, got " + rounds);
    }
    if (slateSize < 1 || slateSize > world.nudgeCount()) {
      throw new IllegalArgumentException(
          "slateSize must be in 1.." + world.nudgeCount() + ", got " + slateSize);
    }
    long checkpointEvery = Math.max(1, rounds / CHECKPOINTS);
    List<SimulationResult.Checkpoint> checkpoints = new ArrayList<>();
    long clicks = 0;
    double expected = 0;
    double oracle = 0;
    long start = System.nanoTime();
    for (long t = 0; t < rounds; t++) {
      WorldRound round = world.round(t);
      double[] p = world.clickProbabilities(round);
      DecisionContext context = decisions.context(round, slateSize, Seeds.random(decisionSeed, t));
      Slate slate = policy.decide(context);
      expected += WorldDecisions.expectedReward(p, slate);
      oracle += WorldDecisions.oracleReward(p, slateSize);
      for (int pos = 0; pos < slate.size(); pos++) {
        Slate.Entry entry = slate.get(pos);
        boolean clicked = clickUniform(t, entry.arm().key()) < p[entry.arm().key()];
        if (clicked) {
          clicks++;
        }
        policy.learn(new Feedback(context, entry.arm(), pos, clicked ? 1 : 0));
      }
      if ((t + 1) % checkpointEvery == 0 || t + 1 == rounds) {
        checkpoints.add(new SimulationResult.Checkpoint(t + 1, clicks, oracle - expected));
      }
      if ((t + 1) % PROGRESS_STEP == 0) {
        progress.step(PROGRESS_STEP);
      }
    }
    progress.step(rounds % PROGRESS_STEP);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new SimulationResult(
        policy.name(),
        rounds,
        (long) rounds * slateSize,
        clicks,
        expected,
        oracle,
        elapsed,
        checkpoints);
  }

  /** The uniform that decides whether nudge k is clicked if shown in round t. */
  private double clickUniform(long t, int k) {
    return (Seeds.mix(Seeds.mix(clickSeed ^ Seeds.mix(t)) + k) >>> 11) * 0x1.0p-53;
  }
}
