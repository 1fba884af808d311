package dev.nudge.ranking.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.mab.RandomPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RerankTest {

  /** A clock the test moves by hand. */
  static final class FakeClock implements InstantSource {
    Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @Test
  void coolDownThenFrequencyCapThenWindowExpiry() {
    FakeClock clock = new FakeClock();
    ImpressionLedger ledger =
        new ImpressionLedger(
            clock, new FrequencyRules(2, Duration.ofHours(24), Duration.ofHours(1)));
    assertThat(ledger.blocked(7, 3)).isEmpty();
    ledger.record(7, 3);
    assertThat(ledger.blocked(7, 3)).hasValueSatisfying(r -> assertThat(r).startsWith("cool-down"));
    // Other users and other nudges are unaffected.
    assertThat(ledger.blocked(8, 3)).isEmpty();
    assertThat(ledger.blocked(7, 4)).isEmpty();
    clock.advance(Duration.ofMinutes(61));
    assertThat(ledger.blocked(7, 3)).isEmpty();
    ledger.record(7, 3);
    clock.advance(Duration.ofHours(2));
    assertThat(ledger.blocked(7, 3))
        .hasValueSatisfying(r -> assertThat(r).startsWith("frequency cap: shown 2 times"));
    assertThat(ledger.count(7, 3)).isEqualTo(2);
    // Over 24 h after the first impression it leaves the window: one left, the cap allows
    // another.
    clock.advance(Duration.ofMinutes(21 * 60 + 30));
    assertThat(ledger.count(7, 3)).isEqualTo(1);
    assertThat(ledger.blocked(7, 3)).isEmpty();
  }

  @Test
  void frequencyRulesRejectNonsense() {
    assertThatThrownBy(() -> new FrequencyRules(0, Duration.ofHours(1), Duration.ZERO))
        .hasMessageContaining("maxImpressions must be >= 1, got 0");
    assertThatThrownBy(() -> new FrequencyRules(1, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new FrequencyRules(1, Duration.ofHours(1), Duration.ofHours(-1)))
        .hasMessageContaining("coolDown");
  }

  @Test
  void mmrWithLambdaOneIsRelevanceOrder() {
    MmrSelector mmr = new MmrSelector(1, (a, b) -> a / 2 == b / 2 ? 1 : 0, ExposureCap.none(6));
    MmrSelector.Selection s =
        mmr.select(new int[] {0, 1, 2, 3}, new double[] {0.9, 0.8, 0.3, 0.1}, 3, new int[0], 3);
    assertThat(s.chosen()).containsExactly(0, 1, 2);
    assertThat(s.passedOver()).containsOnlyKeys(3);
  }

  @Test
  void mmrPrefersTheDissimilarItemWhenRelevanceIsClose() {
    // Items 0 and 1 are twins; 2 is different and slightly less relevant.
    ItemSimilarity sim = (a, b) -> (a <= 1 && b <= 1) ? 1 : 0;
    MmrSelector mmr = new MmrSelector(0.5, sim, ExposureCap.none(3));
    MmrSelector.Selection s =
        mmr.select(new int[] {0, 1, 2}, new double[] {1.0, 0.95, 0.9}, 2, new int[0], 2);
    assertThat(s.chosen()).containsExactly(0, 2);
    // Hand computation: relevance scaled to [0,1] over (0.9..1.0): item 2 -> 0, twin 1 -> 0.5.
    // Second pick: item 1: 0.5*0.5 - 0.5*1 = -0.25; item 2: 0 - 0 = 0.
    assertThat(s.chosenScores()[1]).isEqualTo(0.0);
  }

  @Test
  void exposureCapLimitsAGroupsShare() {
    // Items 0-3 in group 0, 4-5 in group 1. Cap: half of a 4-slot slate.
    ExposureCap cap = new ExposureCap(new int[] {0, 0, 0, 0, 1, 1}, 0.5);
    MmrSelector mmr = new MmrSelector(1, (a, b) -> 0, cap);
    MmrSelector.Selection s =
        mmr.select(new int[] {0, 1, 2, 3, 4, 5}, new double[] {6, 5, 4, 3, 2, 1}, 4, new int[0], 4);
    assertThat(s.chosen()).containsExactly(0, 1, 4, 5);
    assertThat(s.passedOver().get(2)).startsWith("exposure cap: group 0");
    // Already-placed (explored) items count towards the cap: with one slot per group in a
    // 3-slot slate and item 2 (group 0) placed, only item 4 (index 2) can join.
    MmrSelector.Selection t =
        mmr.select(new int[] {0, 1, 4}, new double[] {3, 2, 1}, 2, new int[] {2}, 3);
    assertThat(t.chosen()).containsExactly(2);
    assertThat(cap.limit(3)).isEqualTo(1);
    assertThatThrownBy(() -> new ExposureCap(new int[1], 0)).hasMessageContaining("maxShare");
  }

  @Test
  void eligibilityRuleNamesItsReason() {
    EligibilityRule rule = EligibilityRule.excludeItems(Set.of(5), "withdrawn");
    assertThat(rule.reject(1, 5)).contains("withdrawn");
    assertThat(rule.reject(1, 4)).isEmpty();
  }

  @Test
  void explorationSlotsAreFilledByThePolicyReproduciblyPerEvent() {
    ExplorationSlots slots = new ExplorationSlots(new RandomPolicy(), 2, 5);
    List<Arm> arms =
        List.of(Arm.of("a", 0), Arm.of("b", 1), Arm.of("c", 2), Arm.of("d", 3), Arm.of("e", 4));
    Slate one = slots.choose("event-1", 3, null, arms);
    Slate again = slots.choose("event-1", 3, null, arms);
    assertThat(one.size()).isEqualTo(2);
    assertThat(one.entries())
        .extracting(e -> e.arm().key())
        .isEqualTo(again.entries().stream().map(e -> e.arm().key()).toList());
    assertThat(slots.choose("event-1", 3, null, List.of()).size()).isZero();
    assertThatThrownBy(() -> new ExplorationSlots(new RandomPolicy(), 3, 2))
        .hasMessageContaining("pool");
  }
}
