package dev.nudge.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryGeneratorTest {
  private final BankingWorld world = new BankingWorld(WorldConfig.defaults().withSize(2_000, 6));
  private final HistoryGenerator generator = new HistoryGenerator(world);

  @Test
  void propensitiesSumToOnePerImpressionAndTheLoggedOneIsTheChosenNudges() {
    for (LoggingPolicy logger :
        new LoggingPolicy[] {new LoggingPolicy.Uniform(), new LoggingPolicy.EpsilonBaseline(0.2)}) {
      Dataset data = generator.generate(1_000, 3_000, logger);
      InteractionLog log = data.interactions();
      assertThat(log.size()).isEqualTo(3_000);
      for (int row = 0; row < log.size(); row++) {
        double[] p = logger.probabilities(world, world.round(1_000 + row));
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1, within(1e-12));
        assertThat(log.propensity(row).orElseThrow())
            .isCloseTo(p[log.item(row)], within(1e-6))
            .isPositive();
        assertThat(log.impression(row)).isEqualTo(row);
        assertThat(log.position(row)).isZero();
      }
    }
  }

  @Test
  void theBaselineIsChosenAsOftenAsItsPropensitySays() {
    LoggingPolicy.EpsilonBaseline logger = new LoggingPolicy.EpsilonBaseline(0.3);
    InteractionLog log = generator.generate(0, 20_000, logger).interactions();
    int baseline = 0;
    for (int row = 0; row < log.size(); row++) {
      if (log.item(row) == LoggingPolicy.EpsilonBaseline.baseline(world, world.round(row))) {
        baseline++;
      }
    }
    double expected = 0.7 + 0.3 / 6;
    double se = Math.sqrt(expected * (1 - expected) / log.size());
    assertThat((double) baseline / log.size()).isCloseTo(expected, within(4 * se));
  }

  @Test
  void clickRateMatchesTheTrueProbabilitiesOfWhatWasShown() {
    InteractionLog log = generator.generate(0, 20_000, new LoggingPolicy.Uniform()).interactions();
    double clicks = 0;
    double expected = 0;
    double variance = 0;
    for (int row = 0; row < log.size(); row++) {
      double p = world.clickProbability(world.round(row), log.item(row));
      clicks += log.value(row);
      expected += p;
      variance += p * (1 - p);
    }
    assertThat(clicks).isCloseTo(expected, within(4 * Math.sqrt(variance)));
    assertThat(log.kind()).isEqualTo(InteractionLog.ValueKind.LABEL);
  }

  @Test
  void datasetHoldsOnlyUsersThatAppearAndEveryNudgeWithItsFamilyTopic() {
    Dataset data = generator.generate(0, 500, new LoggingPolicy.Uniform());
    Set<Integer> seen = new HashSet<>();
    for (int row = 0; row < 500; row++) {
      int key = data.interactions().user(row);
      seen.add(key);
      assertThat(data.users().ids().id(key)).isEqualTo(world.round(row).user().id());
    }
    assertThat(data.users().size()).isEqualTo(seen.size());
    assertThat(data.items().size()).isEqualTo(6);
    assertThat(data.items().topics().vocabulary().id(data.items().primaryTopic(2)))
        .isEqualTo("cards");
    assertThat(data.items().text(0)).contains("savings goal");
    assertThat(data.interactions().context().rows()).isEqualTo(500);
  }

  @Test
  void sameSeedGivesTheSameLog() {
    InteractionLog a = generator.generate(0, 300, new LoggingPolicy.Uniform()).interactions();
    InteractionLog b =
        new HistoryGenerator(new BankingWorld(world.config()))
            .generate(0, 300, new LoggingPolicy.Uniform())
            .interactions();
    for (int row = 0; row < 300; row++) {
      assertThat(a.item(row)).isEqualTo(b.item(row));
      assertThat(a.value(row)).isEqualTo(b.value(row));
      assertThat(a.time(row)).isEqualTo(b.time(row));
    }
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> new LoggingPolicy.EpsilonBaseline(1.5))
        .hasMessage("epsilon must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> generator.generate(-1, 10, new LoggingPolicy.Uniform()))
        .hasMessageContaining("firstRound must be >= 0");
  }
}
