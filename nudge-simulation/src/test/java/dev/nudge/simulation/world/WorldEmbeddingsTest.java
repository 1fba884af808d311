package dev.nudge.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.core.Seeds;
import org.junit.jupiter.api.Test;

class WorldEmbeddingsTest {
  private final BankingWorld world = new BankingWorld(WorldConfig.defaults().withSize(50, 12));

  @Test
  void exactEmbeddingsFactoriseTheTruthsLogitLessTheHiddenOffset() {
    for (int d : new int[] {WorldEmbeddings.NATURAL_DIMENSION, 64}) {
      WorldEmbeddings e = new WorldEmbeddings(world, d, 0, 0);
      for (long t = 0; t < 40; t++) {
        // The world drifts; at its own round each check uses round 0's parameters.
        WorldRound r = world.round(t);
        WorldRound frozen =
            new WorldRound(
                r.user(),
                new Moment(
                    0,
                    r.moment().time(),
                    r.moment().hour(),
                    r.moment().weekday(),
                    r.moment().location(),
                    r.moment().recentActivity()));
        float[] z = e.user(frozen);
        assertThat(z).hasSize(d);
        for (int k = 0; k < world.nudgeCount(); k++) {
          double truth =
              world.truth().logit(frozen.user(), world.nudge(k), frozen.moment())
                  - world.truth().offset(frozen.user().index(), k);
          assertThat(dot(e.nudge(k), z))
              .as("d=%d t=%d k=%d", d, t, k)
              .isCloseTo(truth, within(1e-4));
        }
      }
    }
  }

  @Test
  void theEmbeddingsFreezeTheirRoundWhileTheDriftingTruthMovesOn() {
    WorldRound r = world.round(3);
    long later = 2_000_000;
    Moment m = r.moment();
    Moment moved =
        new Moment(later, m.time(), m.hour(), m.weekday(), m.location(), m.recentActivity());
    WorldEmbeddings asOfLater = new WorldEmbeddings(world, 20, 0, later);
    WorldEmbeddings asOfZero = new WorldEmbeddings(world, 20, 0, 0);
    double truth =
        world.truth().logit(r.user(), world.nudge(7), moved)
            - world.truth().offset(r.user().index(), 7);
    assertThat(dot(asOfLater.nudge(7), asOfLater.user(r.user(), moved)))
        .isCloseTo(truth, within(1e-4));
    // Four radians of drift later, round 0's parameters no longer give the logit.
    assertThat(Math.abs(dot(asOfZero.nudge(7), asOfZero.user(r.user(), moved)) - truth))
        .isGreaterThan(1e-2);
  }

  @Test
  void noiseIsAFixedPerNudgeAndPerUserErrorOfTheStatedSize() {
    WorldEmbeddings exact = new WorldEmbeddings(world, 400, 0, 0);
    WorldEmbeddings noisy = new WorldEmbeddings(world, 400, 0.3, 0);
    float[] dx = minus(noisy.nudge(4), exact.nudge(4));
    assertThat(std(dx)).isCloseTo(0.3, within(0.04));
    WorldRound a = world.round(1);
    float[] dz = minus(noisy.user(a), exact.user(a));
    assertThat(std(dz)).isCloseTo(0.3, within(0.04));
    // The same user at another moment carries the same error; another user another one.
    WorldRound b = new WorldRound(a.user(), world.round(2).moment());
    assertThat(minus(noisy.user(b), exact.user(b))).containsExactly(dz, within(1e-4f));
    UserProfile other = world.user((a.user().index() + 1) % world.userCount());
    assertThat(minus(noisy.user(other, a.moment()), exact.user(other, a.moment())))
        .isNotEqualTo(dz);
    // Reproducible, and the returned arrays are copies.
    WorldEmbeddings again = new WorldEmbeddings(world, 400, 0.3, 0);
    assertThat(again.nudge(4)).containsExactly(noisy.nudge(4));
    noisy.nudge(4)[0] = 1e6f;
    assertThat(noisy.nudge(4)).containsExactly(again.nudge(4));
  }

  @Test
  void decisionsWithEmbeddingsCarryThemOnArmsAndContext() {
    WorldEmbeddings e = new WorldEmbeddings(world, 16, 0.1, 0);
    WorldDecisions decisions = new WorldDecisions(world, e);
    WorldRound r = world.round(5);
    DecisionContext ctx = decisions.context(r, 1, Seeds.random(1));
    assertThat(ctx.userEmbedding()).containsExactly(e.user(r));
    for (Arm arm : ctx.candidates()) {
      assertThat(arm.embedding()).containsExactly(e.nudge(arm.key()));
      assertThat(arm.features()).containsExactly(world.nudge(arm.key()).features());
    }
    assertThat(decisions.embeddings()).containsSame(e);
    DecisionContext plain = new WorldDecisions(world).context(r, 1, Seeds.random(1));
    assertThat(plain.userEmbedding()).isEmpty();
    assertThat(plain.candidates().get(0).embedding()).isEmpty();
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> new WorldEmbeddings(world, 14, 0, 0))
        .hasMessage("dimension must be in 15..4096 (the exact factorisation needs 15), got 14");
    assertThatThrownBy(() -> new WorldEmbeddings(world, 16, -0.1, 0))
        .hasMessage("noise must be in [0, 10.0], got -0.1");
    assertThatThrownBy(() -> new WorldEmbeddings(world, 16, Double.NaN, 0))
        .hasMessage("noise must be in [0, 10.0], got NaN");
    assertThatThrownBy(() -> new WorldEmbeddings(world, 16, 0, -1))
        .hasMessage("asOfRound must be >= 0, got -1");
    BankingWorld other = new BankingWorld(world.config().withSeed(99));
    assertThatThrownBy(() -> new WorldDecisions(other, new WorldEmbeddings(world, 16, 0, 0)))
        .hasMessageStartingWith("embeddings must be those of this world");
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static float[] minus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  private static double std(float[] x) {
    double s = 0;
    for (float v : x) {
      s += (double) v * v;
    }
    return Math.sqrt(s / x.length);
  }
}
