package dev.nudge.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldDecisionsTest {
  private final BankingWorld world = new BankingWorld(WorldConfig.defaults().withSize(5_000, 9));
  private final WorldDecisions decisions = new WorldDecisions(world);

  @Test
  void contextHasEveryNudgeAsAnArmAndUserThenMomentFeatures() {
    WorldRound round = world.round(42);
    DecisionContext ctx = decisions.context(round, 2, Seeds.random(1));
    assertThat(ctx.candidates()).hasSize(9);
    for (int k = 0; k < 9; k++) {
      Arm arm = ctx.candidates().get(k);
      assertThat(arm.key()).isEqualTo(k);
      assertThat(arm.id()).isEqualTo(world.nudge(k).id());
      assertThat(arm.topic()).isEqualTo(world.nudge(k).family().ordinal());
      assertThat(arm.features()).containsExactly(world.nudge(k).features());
    }
    double[] u = round.user().features();
    double[] m = round.moment().features();
    assertThat(ctx.features()).hasSize(WorldDecisions.CONTEXT_DIMENSION);
    assertThat(Arrays.copyOfRange(ctx.features(), 0, u.length)).containsExactly(u);
    assertThat(Arrays.copyOfRange(ctx.features(), u.length, u.length + m.length))
        .containsExactly(m);
    assertThat(ctx.userKey()).isEqualTo(round.user().index());
    assertThat(ctx.eventId()).isEqualTo("round-42");
    assertThat(ctx.slateSize()).isEqualTo(2);
  }

  @Test
  void theOracleSlateHasZeroRegretAndOthersPayTheirGap() {
    for (long t = 0; t < 200; t++) {
      WorldRound round = world.round(t);
      double[] p = world.clickProbabilities(round);
      Integer[] order = new Integer[p.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
      Slate best = slate(order[0], order[1]);
      Slate worst = slate(order[p.length - 1], order[p.length - 2]);
      assertThat(decisions.regret(round, best)).isCloseTo(0, within(1e-15));
      assertThat(decisions.expectedReward(round, best)).isEqualTo(p[order[0]] + p[order[1]]);
      double gap = p[order[0]] + p[order[1]] - p[order[p.length - 1]] - p[order[p.length - 2]];
      assertThat(decisions.regret(round, worst)).isCloseTo(gap, within(1e-15)).isPositive();
      assertThat(WorldDecisions.oracleReward(p, 1)).isEqualTo(p[world.bestNudge(round)]);
    }
  }

  private Slate slate(int... keys) {
    List<Slate.Entry> entries =
        Arrays.stream(keys)
            .mapToObj(k -> new Slate.Entry(decisions.arms().get(k), k, Double.NaN, 1, false))
            .toList();
    return new Slate(entries, "test", false);
  }
}
