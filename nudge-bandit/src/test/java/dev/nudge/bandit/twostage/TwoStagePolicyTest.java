package dev.nudge.bandit.twostage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.bandit.neural.AdditiveUcbPolicy;
import dev.nudge.bandit.neural.Rounds;
import dev.nudge.core.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwoStagePolicyTest {
  // Topic t has SIZES[t] items; topic scores rank topics 0 > 1 > 2 > 3.
  private static final int[] SIZES = {6, 1, 1, 4};
  private static final Map<Integer, Double> TOPIC_SCORES = Map.of(0, 4.0, 1, 3.0, 2, 2.0, 3, 1.0);

  /** 12 items: keys 0..11, topic by SIZES, item score = key (higher keys better). */
  private static List<Arm> items() {
    List<Arm> arms = new ArrayList<>();
    int key = 0;
    for (int t = 0; t < SIZES.length; t++) {
      for (int i = 0; i < SIZES[t]; i++, key++) {
        arms.add(new Arm("item-" + key, key, new float[] {key, 1}, null, t));
      }
    }
    return arms;
  }

  private static Map<Integer, Double> itemScores() {
    Map<Integer, Double> scores = new HashMap<>();
    for (int k = 0; k < 12; k++) {
      scores.put(k, (double) k);
    }
    return scores;
  }

  private static DecisionContext context(String event, int m, int budget) {
    return new DecisionContext(
        event, 0, new float[] {1, 0}, null, items(), m, budget, Seeds.forEvent(event));
  }

  @Test
  void eachSlotTakesTheBestItemOfItsDynamicGroup() {
    ScriptedPolicy topics = new ScriptedPolicy(TOPIC_SCORES);
    ScriptedPolicy items = new ScriptedPolicy(itemScores());
    TwoStagePolicy policy = TwoStagePolicy.of(topics, items, 2);
    Slate slate = policy.decide(context("e", 2, DecisionContext.UNLIMITED));
    // Groups (p = 2): {topic 0: items 0..5} and {topics 1, 2, 3: items 6..11}.
    assertThat(slate.entries()).extracting(e -> e.arm().id()).containsExactly("item-5", "item-11");
    assertThat(topics.scoredCounts).containsExactly(4);
    assertThat(items.scoredCounts).containsExactly(6, 6);
    assertThat(slate.entries()).allMatch(e -> e.probability() == 1.0);
    assertThat(slate.probabilitiesEstimated()).isFalse();
  }

  @Test
  void topicScoresCountAgainstTheBudgetAndTheRestIsSplit() {
    ScriptedPolicy topics = new ScriptedPolicy(TOPIC_SCORES);
    ScriptedPolicy items = new ScriptedPolicy(itemScores());
    TwoStagePolicy policy = TwoStagePolicy.of(topics, items, 2);
    // B = 9: 4 topic scores, 5 item scores over two groups of 6.
    Slate slate = policy.decide(context("b", 2, 9));
    // Subsampling makes the probabilities estimated: replays follow the decision itself, each
    // with the same accounting.
    assertThat(topics.scoredCounts).startsWith(4).containsOnly(4);
    assertThat(items.scoredCounts).startsWith(3, 2).hasSize(2 * topics.scoredCounts.size());
    assertThat(slate.probabilitiesEstimated()).isTrue();
    // p = 0: groups {topic 0} (6 items) and {topic 1} (1 item); B = 4 + 5: the 1-item group
    // passes its unused share to the big one.
    items.scoredCounts.clear();
    TwoStagePolicy.of(new ScriptedPolicy(TOPIC_SCORES), items, 0).decide(context("c", 2, 9));
    assertThat(items.scoredCounts).startsWith(4, 1);
    // A budget below q + m still scores one item per slot.
    items.scoredCounts.clear();
    TwoStagePolicy.of(new ScriptedPolicy(TOPIC_SCORES), items, 2).decide(context("d", 2, 3));
    assertThat(items.scoredCounts).startsWith(1, 1).containsOnly(1);
  }

  @Test
  void exactProbabilitiesSumToOneAndMatchFrequencies() {
    TwoStagePolicy policy =
        TwoStagePolicy.of(new ScriptedPolicy(TOPIC_SCORES), new RandomPolicy(), 2);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Double> probability = new HashMap<>();
    int n = 1200;
    for (int i = 0; i < n; i++) {
      Slate slate = policy.decide(context("event-" + i, 2, DecisionContext.UNLIMITED));
      assertThat(slate.probabilitiesEstimated()).isFalse();
      Slate.Entry first = slate.get(0);
      counts.merge(first.arm().id(), 1, Integer::sum);
      probability.put(first.arm().id(), first.probability());
      // Slot 1 draws uniformly from the second group of 6.
      assertThat(slate.get(1).probability()).isEqualTo(1.0 / 6);
    }
    assertThat(counts).hasSize(6);
    assertThat(probability.values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, offset(1e-12));
    for (String id : counts.keySet()) {
      assertThat(counts.get(id) / (double) n).as(id).isCloseTo(probability.get(id), offset(0.04));
    }
  }

  @Test
  void estimatedProbabilitiesMatchFrequencies() {
    // ε-greedy topics make the grouping random, so probabilities are estimated by replays.
    TwoStagePolicy policy =
        new TwoStagePolicy(
            new EpsilonGreedyPolicy(0.6),
            new ScriptedPolicy(itemScores()),
            TopicAssignment.fromArms(),
            TopicEmbeddings.mean(),
            2,
            100);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Double> statedSum = new HashMap<>();
    int n = 200;
    for (int i = 0; i < n; i++) {
      Slate slate = policy.decide(context("event-" + i, 1, DecisionContext.UNLIMITED));
      assertThat(slate.probabilitiesEstimated()).isTrue();
      counts.merge(slate.get(0).arm().id(), 1, Integer::sum);
      statedSum.merge(slate.get(0).arm().id(), slate.get(0).probability(), Double::sum);
    }
    assertThat(counts.size()).isGreaterThan(1);
    double total = 0;
    for (String id : counts.keySet()) {
      double stated = statedSum.get(id) / counts.get(id);
      total += stated;
      assertThat(stated).as(id).isCloseTo(counts.get(id) / (double) n, offset(0.08));
    }
    assertThat(total).isCloseTo(1.0, offset(0.1));
  }

  @Test
  void learningUpdatesBothStagesWithTheSameReward() {
    ScriptedPolicy topics = new ScriptedPolicy(TOPIC_SCORES);
    ScriptedPolicy items = new ScriptedPolicy(itemScores());
    TwoStagePolicy policy = TwoStagePolicy.of(topics, items, 2);
    DecisionContext context = context("l", 2, DecisionContext.UNLIMITED);
    Slate slate = policy.decide(context);
    Feedback feedback = new Feedback(context, slate.get(1).arm(), 1, 1.0);
    policy.learn(feedback);
    assertThat(items.learned).containsExactly(feedback);
    Feedback topicFeedback = topics.learned.getFirst();
    assertThat(topicFeedback.arm().key()).isEqualTo(3); // item-11 belongs to topic 3
    assertThat(topicFeedback.arm().id()).isEqualTo("topic:3");
    assertThat(topicFeedback.reward()).isEqualTo(1.0);
    assertThat(topicFeedback.position()).isEqualTo(1);
    // Topic 3's embedding is the mean of its items' (keys 8..11).
    assertThat(topicFeedback.arm().embedding()).containsExactly(9.5f, 1f);
  }

  @Test
  void fewerTopicsThanSlotsCycleThroughTheGroups() {
    List<Arm> arms = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      arms.add(new Arm("item-" + k, k, new float[] {k, 1}, null, k < 4 ? 0 : 1));
    }
    TwoStagePolicy policy =
        TwoStagePolicy.of(
            new ScriptedPolicy(Map.of(0, 2.0, 1, 1.0)), new ScriptedPolicy(itemScores()), 0);
    Slate slate =
        policy.decide(
            new DecisionContext(
                "f",
                0,
                new float[] {1, 0},
                null,
                arms,
                4,
                DecisionContext.UNLIMITED,
                Seeds.forEvent("f")));
    // Slots 0 and 2 from topic 0 (items 0..3), slot 1 and 3 from topic 1 (items 4, 5).
    assertThat(slate.entries())
        .extracting(e -> e.arm().id())
        .containsExactly("item-3", "item-5", "item-2", "item-4");
  }

  @Test
  void kMeansTopicsServeItemsWithoutTopics() {
    List<Arm> arms = new ArrayList<>();
    float[][] points = new float[8][];
    for (int k = 0; k < 8; k++) {
      points[k] = new float[] {k < 4 ? 0 : 10, k};
      arms.add(new Arm("item-" + k, k, points[k], null, -1));
    }
    DecisionContext context =
        new DecisionContext(
            "k",
            0,
            new float[] {1, 0},
            null,
            arms,
            2,
            DecisionContext.UNLIMITED,
            Seeds.forEvent("k"));
    assertThatThrownBy(
            () -> TwoStagePolicy.of(new RandomPolicy(), new RandomPolicy(), 0).decide(context))
        .hasMessageContaining("arm 'item-0' has no topic (topic = -1)");
    KMeansTopics kmeans = KMeansTopics.fit(points, 2, 3, 20);
    TwoStagePolicy policy =
        new TwoStagePolicy(
            new ScriptedPolicy(Map.of()),
            new ScriptedPolicy(itemScores()),
            kmeans,
            TopicEmbeddings.mean(),
            0,
            8);
    Slate slate = policy.decide(context);
    // One item from each cluster.
    assertThat(kmeans.topicOf(slate.get(0).arm())).isNotEqualTo(kmeans.topicOf(slate.get(1).arm()));
  }

  @Test
  void noReplaysChoosesTheSameItemsWithOnePlanPerDecision() {
    // B = 8 leaves 4 item scores for 2 slots, so groups are subsampled and probabilities estimated.
    ScriptedPolicy replayedItems = new ScriptedPolicy(itemScores());
    ScriptedPolicy plainItems = new ScriptedPolicy(itemScores());
    TwoStagePolicy replayed =
        new TwoStagePolicy(
            new ScriptedPolicy(TOPIC_SCORES),
            replayedItems,
            TopicAssignment.fromArms(),
            TopicEmbeddings.mean(),
            2,
            3);
    TwoStagePolicy plain =
        new TwoStagePolicy(
            new ScriptedPolicy(TOPIC_SCORES),
            plainItems,
            TopicAssignment.fromArms(),
            TopicEmbeddings.mean(),
            2,
            0);
    assertThat(plain.name()).endsWith("samples=0)");
    for (int d = 0; d < 5; d++) {
      Slate a = replayed.decide(context("r" + d, 2, 8));
      Slate b = plain.decide(context("r" + d, 2, 8));
      assertThat(b.entries())
          .extracting(e -> e.arm().id())
          .containsExactlyElementsOf(a.entries().stream().map(e -> e.arm().id()).toList());
      assertThat(a.probabilitiesEstimated()).isTrue();
      assertThat(b.probabilitiesEstimated()).isTrue();
      // Without replays a slot reports α2's probability within its scored items (1 here).
      assertThat(b.entries()).extracting(Slate.Entry::probability).containsOnly(1.0);
    }
    // Item decisions: one per slot per plan; the replayed policy plans 1 + 3 times a decision.
    assertThat(plainItems.scoredCounts).hasSize(5 * 2);
    assertThat(replayedItems.scoredCounts).hasSize(5 * 2 * 4);
  }

  @Test
  void restoreThenContinueMatchesAnUninterruptedRun() throws IOException {
    Rounds.assertRestoreContinuesIdentically(
        () -> TwoStagePolicy.of(new EpsilonGreedyPolicy(0.2), AdditiveUcbPolicy.paper(4, 4), 2),
        4,
        4);
  }

  @Test
  void badParametersFail() {
    Policy random = new RandomPolicy();
    assertThatThrownBy(() -> TwoStagePolicy.of(random, random, -1))
        .hasMessageContaining("minGroupSize must be >= 0, got -1");
    assertThatThrownBy(
            () ->
                new TwoStagePolicy(
                    random, random, TopicAssignment.fromArms(), TopicEmbeddings.mean(), 1, -1))
        .hasMessageContaining("probabilitySamples must be >= 0 (0 = no replays), got -1");
    assertThatThrownBy(() -> TwoStagePolicy.of(null, random, 1))
        .hasMessageContaining("topicPolicy");
  }
}
