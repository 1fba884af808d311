package dev.nudge.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.candidates.CandidateMerger;
import dev.nudge.candidates.InteractionGraph;
import dev.nudge.candidates.PopularitySource;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import dev.nudge.ranking.rerank.EligibilityRule;
import dev.nudge.ranking.rerank.ExposureCap;
import dev.nudge.ranking.rerank.FrequencyRules;
import dev.nudge.ranking.rerank.ImpressionLedger;
import dev.nudge.ranking.rerank.MmrSelector;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class FunnelPipelineTest {
  static final int USERS = 40;
  static final int ITEMS = 30;
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-23T12:00:00Z"));

  /** Users like items of "their" topic (user % 3); item 29 is brand new (no interactions). */
  static Dataset world() {
    FeatureTable.Builder items =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT);
    for (int i = 0; i < ITEMS; i++) {
      items.nextRow().add(Catalogue.TOPICS, "t" + (i % 3)).set(Catalogue.TEXT, "title " + (i % 3));
    }
    FeatureTable.Builder users =
        new FeatureTable.Builder()
            .declare("age", FeatureType.NUMERIC)
            .declare("gender", FeatureType.CATEGORICAL);
    for (int u = 0; u < USERS; u++) {
      users.nextRow().set("age", 20 + u).set("gender", u % 2 == 0 ? "F" : "M");
    }
    RandomGenerator rnd = Seeds.random(9, "funnel-world");
    InteractionLog.Builder log = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS - 1; i++) {
        boolean mine = i % 3 == u % 3;
        if (rnd.nextDouble() < (mine ? 0.5 : 0.08)) {
          log.add(u, i, 1_000_000 + rnd.nextInt(100_000), mine ? 5 : 3);
        }
      }
    }
    return new Dataset(
        "toy",
        Catalogue.of(IdIndex.range(ITEMS), items.build()),
        new UserTable(IdIndex.range(USERS), users.build()),
        log.build());
  }

  static FunnelAssembly assemble(Dataset d, InstantSource clock) {
    return FunnelAssembly.build(
        d,
        new FunnelAssembly.Options("logistic", null, 4, new RandomPolicy(), 1, 7, 2),
        clock,
        Progress.silent());
  }

  @Test
  void everyCandidateIsOnTheSlateOrDroppedWithAReason() {
    Dataset d = world();
    FunnelAssembly a = assemble(d, CLOCK);
    FunnelResult r = a.pipeline().recommend(new FunnelRequest(0, -1, "e1", 5));
    assertThat(r.slate()).hasSize(5);
    assertThat(r.slate())
        .extracting(FunnelResult.SlateEntry::position)
        .containsExactly(0, 1, 2, 3, 4);
    Set<Integer> history = new HashSet<>();
    for (int h : a.graph().history(0)) {
      history.add(h);
    }
    Set<Integer> shown = new HashSet<>();
    for (FunnelResult.SlateEntry e : r.slate()) {
      assertThat(shown.add(e.item())).as("item %d twice", e.item()).isTrue();
      assertThat(history).doesNotContain(e.item());
      assertThat(a.sourceNames()).contains(e.source());
      assertThat(e.taskScores()).containsOnlyKeys("click", "like");
      assertThat(e.value()).isEqualTo(e.taskScores().get("click") + e.taskScores().get("like"));
    }
    assertThat(r.slate().stream().filter(FunnelResult.SlateEntry::explored)).hasSize(1);
    // Provenance is complete: whatever any source proposed is on the slate or dropped.
    Set<Integer> accounted = new HashSet<>(shown);
    r.dropped().forEach(x -> accounted.add(x.item()));
    for (var source : a.sources().values()) {
      source.retrieve(queryOf(a, 0), 100).forEach(c -> assertThat(accounted).contains(c.item()));
    }
    assertThat(r.dropped()).allMatch(x -> !x.reason().isBlank());
    assertThat(r.stageNanos()).containsKeys("retrieve", "rank", "explore", "rerank");
  }

  @Test
  void theDefaultMergerWeighsEverySourceAndReservesSlotsForColdItems() {
    FunnelAssembly a = assemble(world(), CLOCK);
    // A weight under a misspelt name would silently fall back to 1.
    assertThat(FunnelAssembly.defaultMerger().weights()).containsOnlyKeys(a.sourceNames());
    assertThat(FunnelAssembly.defaultMerger().weights().values()).allMatch(w -> w > 0);
    assertThat(FunnelAssembly.quotas()).containsOnlyKeys("content");
    assertThat(a.sourceNames()).containsAll(FunnelAssembly.quotas().keySet());
    assertThat(FunnelAssembly.explorationPolicy().name()).contains("samples=64");
  }

  static dev.nudge.candidates.CandidateQuery queryOf(FunnelAssembly a, int user) {
    return new dev.nudge.candidates.CandidateQuery(user, a.graph().history(user), -1, new float[0]);
  }

  @Test
  void sameSeedAndEventGiveTheSameSlate() {
    Dataset d = world();
    List<Integer> one =
        assemble(d, CLOCK).pipeline().recommend(new FunnelRequest(3, -1, "e", 6)).slate().stream()
            .map(FunnelResult.SlateEntry::item)
            .toList();
    List<Integer> two =
        assemble(d, CLOCK).pipeline().recommend(new FunnelRequest(3, -1, "e", 6)).slate().stream()
            .map(FunnelResult.SlateEntry::item)
            .toList();
    assertThat(one).isEqualTo(two);
  }

  @Test
  void shownItemsCoolDownOnTheNextRequest() {
    FunnelAssembly a = assemble(world(), CLOCK);
    FunnelResult first = a.pipeline().recommend(new FunnelRequest(1, -1, "a", 4));
    FunnelResult second = a.pipeline().recommend(new FunnelRequest(1, -1, "b", 4));
    Set<Integer> firstItems = new HashSet<>();
    first.slate().forEach(e -> firstItems.add(e.item()));
    assertThat(second.slate()).noneMatch(e -> firstItems.contains(e.item()));
    assertThat(second.dropped())
        .filteredOn(x -> firstItems.contains(x.item()) && x.stage().equals("eligibility"))
        .isNotEmpty()
        .allMatch(x -> x.reason().startsWith("cool-down"));
  }

  @Test
  void newUsersGetSegmentPopularityAndNewItemsGetTheBonus() {
    FunnelAssembly a = assemble(world(), CLOCK);
    FunnelResult r = a.pipeline().recommend(new FunnelRequest(-1, 2, "cold", 5));
    assertThat(r.slate()).hasSize(5);
    assertThat(r.slate())
        .extracting(FunnelResult.SlateEntry::source)
        .allMatch(s -> s.equals("segment-popular") || s.equals("trending"));
    // Item 29 has no interactions: content retrieval proposes it to a user of its topic (29 % 3
    // = 2), and the ranker adds the cold bonus.
    FunnelResult warm = a.pipeline().recommend(new FunnelRequest(2, -1, "w", 20));
    var all = new java.util.ArrayList<Integer>();
    warm.slate().forEach(e -> all.add(e.item()));
    warm.dropped().forEach(x -> all.add(x.item()));
    assertThat(all).contains(29);
    warm.slate().stream()
        .filter(e -> e.item() == 29)
        .forEach(e -> assertThat(e.bonus()).isEqualTo(FunnelConfig.defaults().coldBonus()));
  }

  @Test
  void aNewUsersEmbeddingRetrievesThroughTheAnnSource() {
    FunnelAssembly a = assemble(world(), CLOCK);
    // A new user whose user-tower output points at item 5's vector.
    float[] u = a.itemEmbeddings()[5].clone();
    int best = 0;
    for (int i = 1; i < a.itemEmbeddings().length; i++) {
      if (dot(u, a.itemEmbeddings()[i]) > dot(u, a.itemEmbeddings()[best])) {
        best = i;
      }
    }
    FunnelResult r = a.pipeline().recommendNewUser(new FunnelRequest(-1, 2, "new", 5), u);
    assertThat(r.slate()).hasSize(5);
    var proposedByAnn = new HashSet<Integer>();
    r.slate().stream()
        .filter(e -> e.source().equals("ann"))
        .forEach(e -> proposedByAnn.add(e.item()));
    r.dropped().stream()
        .filter(x -> x.source().equals("ann"))
        .forEach(x -> proposedByAnn.add(x.item()));
    assertThat(proposedByAnn).as("the best inner product is proposed by ann").contains(best);
    // Without an embedding, the same request is the plain new-user path: no ANN candidates.
    FunnelResult plain =
        a.pipeline().recommendNewUser(new FunnelRequest(-1, 2, "new", 5), new float[0]);
    assertThat(plain.slate()).extracting(FunnelResult.SlateEntry::source).doesNotContain("ann");
    assertThat(plain.dropped()).extracting(FunnelResult.DroppedItem::source).doesNotContain("ann");
  }

  @Test
  void recommendNewUserRejectsKnownUsersAndEmbeddingsOfTheWrongWidth() {
    FunnelAssembly a = assemble(world(), CLOCK);
    int width = a.itemEmbeddings()[0].length;
    assertThatThrownBy(
            () -> a.pipeline().recommendNewUser(new FunnelRequest(3, -1, "e", 5), new float[width]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user -1")
        .hasMessageContaining("got 3");
    assertThatThrownBy(
            () ->
                a.pipeline()
                    .recommendNewUser(new FunnelRequest(-1, -1, "e", 5), new float[width + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining((width + 1) + " dimensions");
  }

  @Test
  void aGivenUserEncoderEmbedsKnownUsers() {
    Dataset d = world();
    var calls = new java.util.ArrayList<int[]>();
    FunnelAssembly a =
        FunnelAssembly.build(
            d,
            new FunnelAssembly.Options(
                "logistic",
                null,
                4,
                null,
                0,
                7,
                1,
                (user, history) -> {
                  calls.add(new int[] {user, history.length});
                  return new float[] {1, 0, 0, 0};
                }),
            CLOCK,
            Progress.silent());
    a.pipeline().recommend(new FunnelRequest(4, -1, "e", 5));
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).containsExactly(4, a.graph().history(4).length);
  }

  private static float dot(float[] x, float[] y) {
    float s = 0;
    for (int k = 0; k < x.length; k++) {
      s += x[k] * y[k];
    }
    return s;
  }

  @Test
  void eligibilityRulesAndExposureCapsShapeAHandWiredSlate() {
    Dataset d = world();
    InteractionGraph g = InteractionGraph.of(d.interactions(), USERS, ITEMS, 4);
    int[] counts = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      counts[i] = g.itemDegree(i);
    }
    // A ranker that prefers higher item keys, so the expected order is known.
    Ranker byKey =
        new Ranker() {
          @Override
          public String name() {
            return "by-key";
          }

          @Override
          public List<String> tasks() {
            return List.of("click");
          }

          @Override
          public double[][] score(int user, int[] items) {
            double[][] s = new double[items.length][1];
            for (int k = 0; k < items.length; k++) {
              s[k][0] = items[k] / 100.0;
            }
            return s;
          }
        };
    int[] topic = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      topic[i] = i % 3;
    }
    FunnelPipeline p =
        FunnelPipeline.builder()
            .source(PopularitySource.overall(g, 100))
            .merger(new CandidateMerger(Map.of(), 60))
            .ranker(byKey, new ValueModel(Map.of("click", 1.0)))
            .rule(EligibilityRule.excludeItems(Set.of(28), "withdrawn"))
            .ledger(
                new ImpressionLedger(
                    CLOCK, new FrequencyRules(1, Duration.ofDays(1), Duration.ZERO)))
            .mmr(new MmrSelector(1, (x, y) -> 0, new ExposureCap(topic, 0.34)))
            .world(
                new UserDirectory(g, new int[USERS], UserDirectory.UserEncoder.none()),
                d.items(),
                counts)
            .config(new FunnelConfig(100, 100, 0, 0))
            .build();
    FunnelResult r = p.recommend(new FunnelRequest(-1, -1, "x", 3));
    // 28 is withdrawn; the cap allows one item per topic in 3 slots: 27 (t0), 26 (t2), 25 (t1).
    assertThat(r.slate()).extracting(FunnelResult.SlateEntry::item).containsExactly(27, 26, 25);
    assertThat(r.dropped())
        .filteredOn(x -> x.item() == 28)
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo("withdrawn"));
    assertThat(r.dropped())
        .filteredOn(x -> x.item() == 24)
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).startsWith("exposure cap"));
    assertThatThrownBy(() -> FunnelPipeline.builder().build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new FunnelRequest(0, -1, "x", 0)).hasMessageContaining("slateSize");
  }
}
