package dev.nudge.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.mab.BetaThompsonPolicy;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.core.Progress;
import dev.nudge.simulation.world.BankingWorld;
import dev.nudge.simulation.world.WorldConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanditSimulatorTest {

  @Test
  void learningPoliciesBeatRandomOnTheDefaultWorld() {
    BankingWorld world = new BankingWorld(WorldConfig.defaults());
    BanditSimulator simulator = new BanditSimulator(world, world.config().seed());
    int rounds = 5_000;
    SimulationResult random = simulator.run(new RandomPolicy(), rounds, 1, Progress.silent());
    for (Policy learner : List.of(new EpsilonGreedyPolicy(0.1), new BetaThompsonPolicy(1, 1, 16))) {
      SimulationResult r = simulator.run(learner, rounds, 1, Progress.silent());
      assertThat(r.clicks()).as(r.policy()).isGreaterThan(random.clicks() * 11 / 10);
      assertThat(r.regret()).as(r.policy()).isLessThan(random.regret() * 0.8);
    }
  }

  @Test
  void theOracleHasZeroRegretAndItsExpectedClicksAreTheOracles() {
    BankingWorld world = new BankingWorld(WorldConfig.defaults().withSize(1_000, 6));
    BanditSimulator simulator = new BanditSimulator(world, 5);
    SimulationResult r = simulator.run(new Oracle(world), 2_000, 2, Progress.silent());
    assertThat(r.regret()).isCloseTo(0, within(1e-9));
    assertThat(r.impressions()).isEqualTo(4_000);
    // Clicks are Bernoulli draws with these probabilities: within 4 standard deviations.
    assertThat((double) r.clicks())
        .isCloseTo(r.expectedClicks(), within(4 * Math.sqrt(r.expectedClicks())));
  }

  @Test
  void runsAreDeterministicPerSeedAndCheckpointsAccumulate() {
    BankingWorld world = new BankingWorld(WorldConfig.defaults().withSize(1_000, 5));
    SimulationResult a =
        new BanditSimulator(world, 9)
            .run(new EpsilonGreedyPolicy(0.1), 3_000, 1, Progress.silent());
    SimulationResult b =
        new BanditSimulator(world, 9)
            .run(new EpsilonGreedyPolicy(0.1), 3_000, 1, Progress.silent());
    assertThat(a.clicks()).isEqualTo(b.clicks());
    assertThat(a.expectedClicks()).isEqualTo(b.expectedClicks());
    assertThat(a.checkpoints()).isEqualTo(b.checkpoints()).hasSize(BanditSimulator.CHECKPOINTS);
    assertThat(a.checkpoints().getLast().round()).isEqualTo(3_000);
    assertThat(a.checkpoints().getLast().clicks()).isEqualTo(a.clicks());
    for (int i = 1; i < a.checkpoints().size(); i++) {
      assertThat(a.checkpoints().get(i).regret())
          .isGreaterThanOrEqualTo(a.checkpoints().get(i - 1).regret());
    }
    assertThat(a.ctr()).isEqualTo(a.clicks() / 3_000.0);
  }

  @Test
  void badArgumentsAreRejected() {
    BankingWorld world = new BankingWorld(WorldConfig.defaults().withSize(10, 5));
    BanditSimulator simulator = new BanditSimulator(world, 1);
    assertThatThrownBy(() -> simulator.run(new RandomPolicy(), 10, 6, Progress.silent()))
        .hasMessage("slateSize must be in 1..5, got 6");
    assertThatThrownBy(() -> simulator.run(new RandomPolicy(), -1, 1, Progress.silent()))
        .hasMessage("rounds must be >= 0, got -1");
  }

  /** Shows the truly best slate: cheats by reading the hidden model, to test the accounting. */
  private record Oracle(BankingWorld world) implements Policy {
    @Override
    public String name() {
      return "oracle";
    }

    @Override
    public Slate decide(DecisionContext context) {
      double[] p =
          world.clickProbabilities(world.round(Long.parseLong(context.eventId().substring(6))));
      List<Slate.Entry> entries =
          java.util.stream.IntStream.range(0, p.length)
              .boxed()
              .sorted((x, y) -> Double.compare(p[y], p[x]))
              .limit(context.slateSize())
              .map(k -> new Slate.Entry(context.candidates().get(k), k, p[k], 1, false))
              .toList();
      return new Slate(entries, name(), false);
    }

    @Override
    public void learn(Feedback feedback) {}

    @Override
    public Policy copy() {
      return this;
    }

    @Override
    public void writeState(DataOutputStream out) {}

    @Override
    public void readState(DataInputStream in) {}
  }
}
