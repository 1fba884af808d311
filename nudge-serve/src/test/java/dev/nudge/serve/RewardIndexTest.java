package dev.nudge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.serve.log.EventLog;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reward index keeps a decision exactly as long as its reward can still be learned. */
class RewardIndexTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration WAIT = Duration.ofMinutes(10);

  @Test
  void keepsEveryDecisionOfTheWaitWhateverTheirNumber() {
    RewardIndex index = new RewardIndex(1_000_000);
    // 300,000 decisions in 5 minutes: three times the old fixed in-memory window of 100,000.
    for (int i = 0; i < 300_000; i++) {
      Instant at = T0.plusMillis(i);
      index.put("e" + i, "n" + (i % 7), at, at, WAIT);
    }
    assertThat(index.size()).isEqualTo(300_000);
    assertThat(index.target("e0")).contains(new EventLog.RewardTarget("n0", T0));
    assertThat(index.target("e299999"))
        .contains(new EventLog.RewardTarget("n" + (299_999 % 7), T0.plusMillis(299_999)));
    assertThat(index.target("unknown")).isEmpty();
  }

  @Test
  void dropsADecisionOnlyOnceItsWindowHasClosed() {
    RewardIndex index = new RewardIndex(100);
    index.put("old", "a", T0, T0, WAIT);
    // At the deadline itself a reward is still learned (the window includes its end): kept.
    index.put("x", "b", T0.plus(WAIT), T0.plus(WAIT), WAIT);
    assertThat(index.target("old")).isPresent();
    index.put("y", "b", T0.plus(WAIT), T0.plus(WAIT).plusNanos(1000), WAIT);
    assertThat(index.target("old")).isEmpty();
    assertThat(index.target("x")).isPresent();
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void aDeferredDecisionStaysOneWaitAndItsActivationStartsAWindow() {
    RewardIndex index = new RewardIndex(100);
    index.put("d", "a", null, T0, WAIT);
    assertThat(index.target("d")).contains(new EventLog.RewardTarget("a", null));
    Instant activated = T0.plus(Duration.ofMinutes(9));
    index.put("d", "a", activated, activated, WAIT);
    // The first entry's time passes; the activation's entry must survive its removal.
    Instant later = T0.plus(Duration.ofMinutes(15));
    index.put("other", "b", later, later, WAIT);
    assertThat(index.target("d")).contains(new EventLog.RewardTarget("a", activated));
    Instant afterWindow = activated.plus(WAIT).plusSeconds(1);
    index.put("last", "b", afterWindow, afterWindow, WAIT);
    assertThat(index.target("d")).isEmpty();
    assertThat(index.target("last")).isPresent();
  }

  @Test
  void aShorterWaitTakesEffectAtTheNextAddition() {
    RewardIndex index = new RewardIndex(100);
    index.put("a", "n", T0, T0, WAIT);
    Instant later = T0.plus(Duration.ofMinutes(2));
    index.put("b", "n", later, later, Duration.ofMinutes(1));
    assertThat(index.target("a")).isEmpty();
    assertThat(index.target("b")).isPresent();
  }

  @Test
  void pastTheCapTheOldestGoFirst() {
    RewardIndex index = new RewardIndex(3);
    for (int i = 0; i < 5; i++) {
      index.put("e" + i, "n", T0.plusSeconds(i), T0.plusSeconds(i), WAIT);
    }
    assertThat(index.size()).isEqualTo(3);
    assertThat(index.target("e0")).isEmpty();
    assertThat(index.target("e1")).isEmpty();
    assertThat(index.target("e2")).isPresent();
    assertThat(index.target("e4")).isPresent();
  }

  @Test
  void keepsMicrosecondsLikeTheLog() {
    RewardIndex index = new RewardIndex(10);
    Instant at = Instant.parse("2026-11-23T12:00:00.123456Z");
    index.put("e", "n", at, at, WAIT);
    assertThat(index.target("e").orElseThrow().activatedAt()).isEqualTo(at);
  }

  @Test
  void rejectsANonPositiveCap() {
    assertThatThrownBy(() -> new RewardIndex(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be >= 1, got 0");
  }

  @Test
  void theDefaultCapHoldsAtLeastTheOldFixedWindow() {
    assertThat(RewardIndex.defaultCapacity()).isGreaterThanOrEqualTo(100_000);
  }
}
