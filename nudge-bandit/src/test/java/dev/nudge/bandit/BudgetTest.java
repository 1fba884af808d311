package dev.nudge.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {
  private static final List<Arm> ARMS = new ArrayList<>();

  static {
    for (int i = 0; i < 10; i++) {
      ARMS.add(new Arm("a" + i, i, new float[] {i, 1}, new double[] {i % 3, 1}, -1));
    }
  }

  private static DecisionContext context(int slate, int budget, long seed) {
    return new DecisionContext("e", 0, null, null, ARMS, slate, budget, Seeds.random(seed));
  }

  @Test
  void scoresMinOfBudgetAndCandidatesButNeverFewerThanTheSlate() {
    int[] three = Budget.scoredIndices(context(1, 3, 1));
    assertThat(three).hasSize(3).doesNotHaveDuplicates().isSorted();
    assertThat(Arrays.stream(three).allMatch(i -> i >= 0 && i < 10)).isTrue();
    assertThat(Budget.scoredIndices(context(4, 2, 1))).hasSize(4);
    assertThat(Budget.scoredIndices(context(1, 50, 1)))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void aSufficientBudgetDrawsNoRandomNumbers() {
    DecisionContext context = context(1, DecisionContext.UNLIMITED, 7);
    Budget.scoredIndices(context);
    assertThat(context.random().nextLong()).isEqualTo(Seeds.random(7).nextLong());
  }

  @Test
  void theScoredSubsetIsUniform() {
    int[] counts = new int[10];
    int trials = 5000;
    for (int t = 0; t < trials; t++) {
      for (int i : Budget.scoredIndices(context(1, 3, t))) {
        counts[i]++;
      }
    }
    for (int c : counts) {
      // Each index is in the subset with probability 3/10; 5000 trials give σ ≈ 0.0065.
      assertThat(c / (double) trials).isCloseTo(0.3, within(0.03));
    }
  }

  @Test
  void scoringPoliciesPlaceOnlyScoredArms() {
    for (String spec :
        List.of(
            "ucb1",
            "softmax(temperature=0.1)",
            "beta-thompson(samples=8)",
            "linucb(d=2)",
            "lints(d=2, samples=8)",
            "glm-ucb(d=2)",
            "n-glm-ucb(d=2)",
            "hybrid-linucb(k=2)")) {
      Policy policy = Policies.builtIn().create(spec);
      for (long seed = 0; seed < 20; seed++) {
        int[] scored = Budget.scoredIndices(context(2, 3, seed));
        Slate slate = policy.decide(context(2, 3, seed));
        for (Slate.Entry e : slate.entries()) {
          assertThat(scored).as(spec).contains(e.candidateIndex());
        }
      }
    }
  }
}
