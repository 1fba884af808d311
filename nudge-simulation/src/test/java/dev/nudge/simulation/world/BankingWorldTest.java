package dev.nudge.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BankingWorldTest {
  private static final WorldConfig DEFAULTS = WorldConfig.defaults();

  @Test
  void sameSeedGivesTheSameWorldAndAnotherSeedAnotherOne() {
    BankingWorld a = new BankingWorld(DEFAULTS);
    BankingWorld b = new BankingWorld(DEFAULTS);
    BankingWorld c = new BankingWorld(DEFAULTS.withSeed(7));
    for (long t = 0; t < 200; t++) {
      assertThat(a.round(t)).isEqualTo(b.round(t));
      assertThat(a.clickProbabilities(a.round(t)))
          .containsExactly(b.clickProbabilities(b.round(t)));
    }
    assertThat(a.user(123)).isEqualTo(b.user(123)).isNotEqualTo(c.user(123));
    assertThat(a.clickProbabilities(a.round(5))).isNotEqualTo(c.clickProbabilities(a.round(5)));
  }

  @Test
  void theFirstFiveNudgesAreTheNamedBankingNudges() {
    BankingWorld world = new BankingWorld(DEFAULTS.withSize(1000, 12));
    assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(k -> world.nudge(k).id()))
        .containsExactly(
            "savings-goal", "bill-reminder", "card-offer", "investment-tip", "budgeting-tip");
    assertThat(world.nudge(11).id()).endsWith("-v11");
    assertThat(world.nudge(11).index()).isEqualTo(11);
  }

  @Test
  void probabilitiesAreStrictlyBetweenZeroAndOne() {
    BankingWorld world = new BankingWorld(DEFAULTS.withSize(50_000, 20));
    for (long t = 0; t < 2_000; t++) {
      for (double p : world.clickProbabilities(world.round(t))) {
        assertThat(p).isGreaterThan(0).isLessThan(1);
      }
    }
  }

  @Test
  void probabilityMatchesADirectComputationOfTheLogisticModel() {
    BankingWorld world = new BankingWorld(DEFAULTS.withSize(1_000_000, 8));
    ResponseModel truth = world.truth();
    UserProfile user = world.user(424_242);
    NudgeProfile nudge = world.nudge(2);
    Moment moment = new Moment(123_456, 0, 20, 5, Moment.Location.HOME, 0.4);

    double[] u = user.features();
    double[] v = nudge.features();
    double[] c = moment.features();
    double[][] w = truth.userWeights(moment.round());
    double[][] m = truth.momentWeights(moment.round());
    double z =
        Math.log(DEFAULTS.baseRate() / (1 - DEFAULTS.baseRate()))
            + truth.bias(2, moment.round())
            + truth.timingEffect() * Math.cos(2 * Math.PI * (20 - nudge.bestHour()) / 24)
            + truth.offset(424_242, 2);
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        z += u[i] * w[i][j] * v[j];
      }
    }
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < v.length; j++) {
        z += c[i] * m[i][j] * v[j];
      }
    }
    double expected = 1 / (1 + Math.exp(-z));
    assertThat(truth.probability(user, nudge, moment)).isCloseTo(expected, within(1e-12));
    assertThat(truth.offset(424_242, 2)).isNotZero();
  }

  @Test
  void withEveryEffectOffTheProbabilityIsTheBaseRate() {
    WorldConfig flat = new WorldConfig(3L, 1000, 6, 0.07, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, null);
    BankingWorld world = new BankingWorld(flat);
    for (long t = 0; t < 100; t++) {
      for (double p : world.clickProbabilities(world.round(t))) {
        assertThat(p).isCloseTo(0.07, within(1e-15));
      }
    }
  }

  @Test
  void driftMovesProbabilitiesSlowlyAndNoDriftKeepsThemFixed() {
    BankingWorld drifting = new BankingWorld(DEFAULTS.withNoiseAndDrift(0.3, 1.0));
    BankingWorld still = new BankingWorld(DEFAULTS.withNoiseAndDrift(0.3, 0.0));
    UserProfile user = drifting.user(99);
    NudgeProfile nudge = drifting.nudge(1);
    double now = drifting.truth().probability(user, nudge, at(0));
    double soon = drifting.truth().probability(user, nudge, at(100));
    double later = drifting.truth().probability(user, nudge, at(300_000));
    assertThat(later).isNotCloseTo(now, within(1e-3));
    // 100 rounds at 1 rad per 100k rounds is a 0.001 rad turn: a small change.
    assertThat(Math.abs(soon - now)).isLessThan(Math.abs(later - now) / 10);
    assertThat(still.truth().probability(user, nudge, at(300_000)))
        .isEqualTo(still.truth().probability(user, nudge, at(0)));
  }

  @Test
  void theBestNudgeHasZeroRegretAndEveryOtherNonNegative() {
    BankingWorld world = new BankingWorld(DEFAULTS.withSize(10_000, 7));
    for (long t = 0; t < 500; t++) {
      WorldRound round = world.round(t);
      int best = world.bestNudge(round);
      assertThat(world.regret(round, best)).isZero();
      double[] p = world.clickProbabilities(round);
      for (int k = 0; k < p.length; k++) {
        assertThat(world.regret(round, k)).isGreaterThanOrEqualTo(0).isEqualTo(p[best] - p[k]);
      }
    }
  }

  @Test
  void aMillionUsersByTenThousandNudgesNeedsNoPerUserState() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    BankingWorld world = new BankingWorld(DEFAULTS.withSize(1_000_000, 10_000));
    RandomGenerator r = Seeds.random(11, "pairs");
    for (int i = 0; i < 20_000; i++) {
      WorldRound round = world.round(r.nextLong(1L << 40));
      int k = r.nextInt(10_000);
      double p = world.clickProbability(round, k);
      assertThat(p).isGreaterThan(0).isLessThan(1);
      assertThat(world.clickProbability(round, k)).isEqualTo(p);
    }
    assertThat(world.user(999_999).index()).isEqualTo(999_999);
    System.gc();
    long retained = rt.totalMemory() - rt.freeMemory() - before;
    // A per-user feature table alone would hold 1M x 14 doubles = 112 MB; an N x K table 80 GB.
    assertThat(retained).isLessThan(32L << 20);
    assertThat(world.nudgeCount()).isEqualTo(10_000);
  }

  @Test
  void badConfigValuesAndIndicesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> DEFAULTS.withSize(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users must be >= 1, got 0");
    assertThatThrownBy(() -> DEFAULTS.withSize(10, 1))
        .hasMessageContaining("nudges must be in 2..");
    assertThatThrownBy(() -> DEFAULTS.withNoiseAndDrift(-1, 0))
        .hasMessage("noise must be in [0, 10.0], got -1.0");
    assertThatThrownBy(
            () -> new WorldConfig(null, null, null, 1.0, null, null, null, null, null, null, null))
        .hasMessage("baseRate must be in (0, 1), got 1.0");
    BankingWorld world = new BankingWorld(DEFAULTS.withSize(10, 5));
    assertThatThrownBy(() -> world.user(10)).hasMessageContaining("user index must be in 0..9");
    assertThatThrownBy(() -> world.round(-1)).hasMessageContaining("round must be >= 0");
  }

  private static Moment at(long round) {
    return new Moment(round, 0, 9, 2, Moment.Location.WORK, 0.5);
  }
}
