package dev.nudge.bandit.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class NeuralGreedyAndDropoutTest {

  @Test
  void greedyRanksByTwoTowerScore() {
    List<Arm> arms =
        List.of(
            new Arm("a", 0, new float[] {1, 0}, null, -1),
            new Arm("b", 1, new float[] {0, 1}, null, -1),
            new Arm("c", 2, new float[] {0.5f, 0.5f}, null, -1));
    Slate slate =
        new NeuralGreedyPolicy().decide(Fixtures.context("g", new float[] {0.2f, 1}, arms, 3));
    assertThat(slate.entries()).extracting(e -> e.arm().id()).containsExactly("b", "c", "a");
    assertThat(slate.get(0).score()).isCloseTo(1.0, offset(1e-6));
    assertThat(slate.entries()).allMatch(e -> e.probability() == 1.0);
  }

  /** A fake sampler with fixed pass scores: candidate k scores values[k][s] in pass s. */
  private static DropoutSampler fixed(double[][] values) {
    return (context, candidates, rate, random, scores) -> {
      for (int s = 0; s < scores.length; s++) {
        for (int k = 0; k < candidates.length; k++) {
          scores[s][k] = values[candidates[k]][s];
        }
      }
    };
  }

  @Test
  void dropoutScoreIsMeanPlusBetaTimesStandardDeviation() {
    double[][] values = {{1, 1, 1, 1, 1}, {0, 0.5, 1, 1.5, 2}, {0.9, 0.9, 0.9, 0.9, 1.4}};
    NeuralDropoutUcbPolicy policy = new NeuralDropoutUcbPolicy(fixed(values), 5, 0.2, 1.0, 8);
    List<Arm> arms = Fixtures.arms(Seeds.random(1), 3, 2);
    Slate slate = policy.decide(Fixtures.context("d", new float[] {1, 0}, arms, 3));
    // Candidate 1: mean 1, sample std √(2.5/4); candidate 2: mean 1, std √(0.2/4); candidate 0: 1.
    assertThat(slate.entries()).extracting(Slate.Entry::candidateIndex).containsExactly(1, 2, 0);
    assertThat(slate.get(0).score()).isCloseTo(1 + Math.sqrt(2.5 / 4), offset(1e-12));
    assertThat(slate.get(1).score()).isCloseTo(1 + Math.sqrt(0.2 / 4), offset(1e-12));
    assertThat(slate.get(2).score()).isCloseTo(1.0, offset(1e-12));
    // Deterministic fake: every replay agrees, so each slot has probability 1.
    assertThat(slate.entries()).allMatch(e -> e.probability() == 1.0);
  }

  @Test
  void dropoutProbabilitiesMatchEmpiricalFrequencies() {
    RandomGenerator random = Seeds.random(4);
    List<Arm> arms = Fixtures.arms(random, 4, 8);
    float[] user = Fixtures.unit(random, 8);
    NeuralDropoutUcbPolicy policy =
        new NeuralDropoutUcbPolicy(new EmbeddingDropoutSampler(), 5, 0.5, 0.1, 200);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Double> stated = new HashMap<>();
    int n = 200;
    for (int i = 0; i < n; i++) {
      Slate slate = policy.decide(Fixtures.context("event-" + i, user, arms, 1));
      String id = slate.get(0).arm().id();
      counts.merge(id, 1, Integer::sum);
      stated.merge(id, slate.get(0).probability() / n, Double::sum);
      assertThat(slate.probabilitiesEstimated()).isTrue();
    }
    assertThat(counts.size()).as("dropout makes the choice random").isGreaterThan(1);
    for (String id : counts.keySet()) {
      double frequency = counts.get(id) / (double) n;
      double meanStated = stated.get(id) * n / counts.get(id);
      assertThat(meanStated).as(id).isCloseTo(frequency, offset(0.1));
    }
  }

  @Test
  void badParametersFail() {
    DropoutSampler sampler = new EmbeddingDropoutSampler();
    assertThatThrownBy(() -> new NeuralDropoutUcbPolicy(sampler, 1, 0.2, 0.1, 8))
        .hasMessageContaining("passes must be >= 2");
    assertThatThrownBy(() -> new NeuralDropoutUcbPolicy(sampler, 5, 1.0, 0.1, 8))
        .hasMessageContaining("dropout must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> new NeuralDropoutUcbPolicy(sampler, 5, 0.2, -0.5, 8))
        .hasMessageContaining("beta must be finite and >= 0, got -0.5");
    List<Arm> arms = Fixtures.arms(Seeds.random(1), 3, 3);
    DecisionContext context = Fixtures.context("m", new float[] {1, 0}, arms, 1);
    assertThatThrownBy(() -> new NeuralGreedyPolicy().decide(context))
        .hasMessageContaining("arm 'item-0' has an embedding of length 3, expected 2");
  }
}
