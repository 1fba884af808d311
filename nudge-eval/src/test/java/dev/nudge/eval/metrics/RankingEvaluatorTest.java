package dev.nudge.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingEvaluatorTest {

  private static InteractionLog log(int[][] userItem) {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    for (int[] row : userItem) {
      b.add(row[0], row[1], 0, 1f);
    }
    return b.build();
  }

  /** Two users over five items; the scorer prefers higher item keys. */
  private final RankingEvaluator small =
      new RankingEvaluator(
          2,
          5,
          log(new int[][] {{0, 0}, {1, 1}, {1, 2}}),
          log(new int[][] {{0, 3}, {1, 4}, {0, 0}}));

  private static void byKey(int user, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = i;
    }
  }

  @Test
  void fullRankingExcludesTrainingItemsAndDropsSeenPositives() {
    MetricReport r =
        small.evaluate(
            RankingEvaluatorTest::byKey,
            new EvaluationConfig(Protocol.FULL, List.of(1, 5), 99, 0.2, 1));
    // User 0 ranks {4, 3, 2, 1}: the positive 3 is second. User 1 ranks {4, 3, 0}: 4 is first.
    assertThat(r.lists()).isEqualTo(2);
    assertThat(r.get("hr@1")).isEqualTo(0.5);
    assertThat(r.get("mrr")).isCloseTo(0.75, within(1e-12));
    assertThat(r.get("ndcg@5")).isCloseTo((1 / (Math.log(3) / Math.log(2)) + 1) / 2, within(1e-12));
    assertThat(r.get("auc")).isCloseTo((2.0 / 3 + 1) / 2, within(1e-12));
    assertThat(r.get("precision@5")).isCloseTo(0.2, within(1e-12));
    // Top-1 lists are {4} and {4}; top-5 lists together show every item.
    assertThat(r.get("coverage@1")).isCloseTo(0.2, within(1e-12));
    assertThat(r.get("coverage@5")).isEqualTo(1.0);
    assertThat(r.get("gini@1")).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void longTailHitRateCountsOnlyTailPositives() {
    // Training popularity 1,1,1,0,0: the 20% tail of 5 items is item 3 (fewest, lowest key).
    MetricReport r =
        small.evaluate(RankingEvaluatorTest::byKey, EvaluationConfig.of(Protocol.FULL, 1));
    assertThat(r.get("tail_hr@10")).isEqualTo(1.0);
    MetricReport reversed =
        small.evaluate(
            (u, out) -> {
              for (int i = 0; i < out.length; i++) {
                out[i] = i == 3 ? -100 : i;
              }
            },
            new EvaluationConfig(Protocol.FULL, List.of(1), 99, 0.2, 1));
    assertThat(reversed.values()).containsKey("tail_hr@10");
    // Rank of item 3 for user 0 is 3 (< 10), so still a hit over a list this short.
    assertThat(reversed.get("tail_hr@10")).isEqualTo(1.0);
    assertThat(reversed.get("hr@1")).isEqualTo(0.5);
  }

  @Test
  void sampledProtocolOfARandomScorerHitsKOverHundred() {
    int users = 3000;
    int items = 400;
    InteractionLog.Builder train = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    InteractionLog.Builder test = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    for (int u = 0; u < users; u++) {
      train.add(u, u % items, 0, 1f);
      test.add(u, (u + 7) % items, 0, 1f);
    }
    RankingEvaluator e = new RankingEvaluator(users, items, train.build(), test.build());
    ItemScorer noise =
        (u, out) -> {
          var rng = Seeds.random(42, u);
          for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextFloat();
          }
        };
    MetricReport r = e.evaluate(noise, EvaluationConfig.of(Protocol.SAMPLED_100, 5));
    assertThat(r.lists()).isEqualTo(users);
    // One positive among 100 candidates, in random order: HR@10 = 0.1, AUC = 0.5.
    assertThat(r.get("hr@10")).isCloseTo(0.1, within(0.02));
    assertThat(r.get("auc")).isCloseTo(0.5, within(0.02));
    assertThat(r.values()).doesNotContainKey("coverage@10");
    MetricReport again = e.evaluate(noise, EvaluationConfig.of(Protocol.SAMPLED_100, 5));
    assertThat(again).isEqualTo(r);
    MetricReport perfect =
        e.evaluate(
            (u, out) -> {
              for (int i = 0; i < out.length; i++) {
                out[i] = i == (u + 7) % items ? 1 : 0;
              }
            },
            EvaluationConfig.of(Protocol.SAMPLED_100, 5));
    assertThat(perfect.get("ndcg@10")).isEqualTo(1.0);
    assertThat(perfect.get("auc")).isEqualTo(1.0);
  }

  @Test
  void jsonHasOneKeyPerMetric() {
    MetricReport r =
        small.evaluate(
            RankingEvaluatorTest::byKey,
            new EvaluationConfig(Protocol.FULL, List.of(10), 99, 0.2, 1));
    assertThat(r.toJson()).startsWith("{\"hr@10\":").contains("\"ndcg@10\":").endsWith("}");
  }

  @Test
  void topKBreaksTiesByLowerKey() {
    boolean[] all = {true, true, true, true};
    assertThat(RankingEvaluator.topK(new float[] {1, 3, 3, 2}, all, 3)).containsExactly(1, 2, 3);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> Protocol.parse("loo"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("sampled100");
    assertThat(Protocol.parse("FULL")).isEqualTo(Protocol.FULL);
    assertThatThrownBy(() -> new EvaluationConfig(Protocol.FULL, List.of(0), 99, 0.2, 1))
        .hasMessageContaining("cutoffs");
    assertThatThrownBy(
            () -> new RankingEvaluator(2, 5, log(new int[][] {{3, 0}}), log(new int[0][])))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> small.evaluate((u, out) -> {}, EvaluationConfig.of(Protocol.FULL, 1)))
        .hasMessageContaining("unset");
    assertThatThrownBy(
            () ->
                small
                    .evaluate(RankingEvaluatorTest::byKey, EvaluationConfig.of(Protocol.FULL, 1))
                    .get("x"))
        .hasMessageContaining("no metric");
  }
}
