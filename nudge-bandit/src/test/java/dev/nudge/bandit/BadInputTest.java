package dev.nudge.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** What the API rejects before any policy sees it, and what the policies reject themselves. */
class BadInputTest {
  private static final Arm A = Arm.of("a", 0);
  private static final Arm B = Arm.of("b", 1);

  private static DecisionContext context(List<Arm> arms, int slate, double[] features) {
    return new DecisionContext(
        "e", 0, null, features, arms, slate, DecisionContext.UNLIMITED, Seeds.random(1));
  }

  @Test
  void emptyCandidatesAreRejected() {
    assertThatThrownBy(() -> context(List.of(), 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidates must not be empty");
  }

  @Test
  void aSlateLargerThanTheCandidatesIsRejected() {
    assertThatThrownBy(() -> context(List.of(A, B), 3, null))
        .hasMessageContaining("slateSize must be in 1..2")
        .hasMessageContaining("got 3");
    assertThatThrownBy(() -> context(List.of(A, B), 0, null)).hasMessageContaining("slateSize");
  }

  @Test
  void nonFiniteFeaturesAreRejected() {
    assertThatThrownBy(() -> context(List.of(A), 1, new double[] {1, Double.NaN}))
        .hasMessageContaining("features[1] is NaN");
    assertThatThrownBy(() -> new Arm("x", 0, null, new double[] {Double.POSITIVE_INFINITY}, -1))
        .hasMessageContaining("arm 'x': features[0] is Infinity");
    assertThatThrownBy(() -> new Arm("x", 0, new float[] {Float.NaN}, null, -1))
        .hasMessageContaining("embedding[0] is NaN");
    assertThatThrownBy(
            () ->
                new DecisionContext(
                    "e", 0, new float[] {Float.NaN}, null, List.of(A), 1, 1, Seeds.random(1)))
        .hasMessageContaining("userEmbedding[0]");
  }

  @Test
  void repeatedIdsAreFoundAmongCollidingHashes() {
    // "Aa" and "BB" share a hash code, so every id below lands on one probe chain.
    List<String> colliding = List.of("AaAa", "AaBB", "BBAa", "BBBB", "AaAaAa", "BBBBBB");
    List<Arm> distinct = new ArrayList<>();
    for (String id : colliding) {
      distinct.add(Arm.of(id, distinct.size()));
    }
    assertThat(DecisionContext.firstRepeatedId(distinct)).isNull();
    List<Arm> repeated = new ArrayList<>(distinct);
    repeated.add(Arm.of("BBAa", 99));
    assertThat(DecisionContext.firstRepeatedId(repeated)).isEqualTo("BBAa");
    assertThatThrownBy(() -> context(repeated, 1, null))
        .hasMessageContaining("candidate id 'BBAa' appears twice");
  }

  @Test
  void repeatedIdsAgreeWithAHashSetOnRandomLists() {
    RandomGenerator random = Seeds.random(7);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + random.nextInt(300);
      List<Arm> arms = new ArrayList<>(n);
      Set<String> seen = new HashSet<>();
      String expected = null;
      for (int i = 0; i < n; i++) {
        String id = "n" + random.nextInt(4 * n);
        if (!seen.add(id) && expected == null) {
          expected = id;
        }
        arms.add(Arm.of(id, i));
      }
      assertThat(DecisionContext.firstRepeatedId(arms)).as("trial %d", trial).isEqualTo(expected);
    }
  }

  @Test
  void otherMalformedDecisionsAreRejected() {
    assertThatThrownBy(() -> context(List.of(A, Arm.of("a", 3)), 1, null))
        .hasMessageContaining("candidate id 'a' appears twice");
    assertThatThrownBy(() -> Arm.of("k", -1)).hasMessageContaining("key must be >= 0");
    assertThatThrownBy(
            () -> new DecisionContext("e", 0, null, null, List.of(A), 1, 0, Seeds.random(1)))
        .hasMessageContaining("budget must be >= 1");
    assertThatThrownBy(() -> new Feedback(context(List.of(A), 1, null), A, 0, Double.NaN))
        .hasMessageContaining("reward must be finite");
  }

  @Test
  void featurePoliciesRejectArmsWithoutTheirFeatures() {
    for (String spec : List.of("linucb(d=2)", "lints(d=2)", "glm-ucb(d=2)", "n-glm-ucb(d=2)")) {
      Policy policy = Policies.builtIn().create(spec);
      assertThatThrownBy(() -> policy.decide(context(List.of(A, B), 1, null)))
          .as(spec)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("arm 'a'")
          .hasMessageContaining("length 0")
          .hasMessageContaining("d = 2");
    }
  }
}
