package dev.nudge.ranking;

import dev.nudge.bandit.Policy;
import dev.nudge.bandit.mab.BetaThompsonPolicy;
import dev.nudge.candidates.CandidateMerger;
import dev.nudge.candidates.CandidateSource;
import dev.nudge.candidates.ContentSource;
import dev.nudge.candidates.CosineSimilarity;
import dev.nudge.candidates.EmbeddingSource;
import dev.nudge.candidates.InteractionGraph;
import dev.nudge.candidates.JVectorIndex;
import dev.nudge.candidates.NeighbourSource;
import dev.nudge.candidates.PopularitySource;
import dev.nudge.candidates.PureSvdEmbeddings;
import dev.nudge.candidates.SwingSimilarity;
import dev.nudge.candidates.TrendingSource;
import dev.nudge.candidates.VectorIndex;
import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.model.mmoe.MmoeConfig;
import dev.nudge.model.mmoe.MmoeModel;
import dev.nudge.ranking.rerank.ExplorationSlots;
import dev.nudge.ranking.rerank.ExposureCap;
import dev.nudge.ranking.rerank.FrequencyRules;
import dev.nudge.ranking.rerank.ImpressionLedger;
import dev.nudge.ranking.rerank.ItemSimilarity;
import dev.nudge.ranking.rerank.MmrSelector;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a whole funnel from a training data set with sensible defaults: the composition root that
 * the CLI, the service and the benchmarks share. Every source is kept by name so callers can
 * evaluate them one by one.
 *
 * @param graph the training interaction graph (positives: rating >= 4 or label 1)
 * @param sources the candidate sources by name, in merge-priority order
 * @param features the ranking features
 * @param ranker the trained ranker
 * @param pipeline the assembled funnel
 * @param itemEmbeddings the item vectors behind the ANN source
 */
public record FunnelAssembly(
    InteractionGraph graph,
    Map<String, CandidateSource> sources,
    UserItemFeatures features,
    Ranker ranker,
    FunnelPipeline pipeline,
    float[][] itemEmbeddings) {

  /** The rating at or above which an interaction is a positive. */
  public static final float POSITIVE_RATING = 4f;

  /**
   * What to build.
   *
   * @param ranker "logistic" or "mmoe"
   * @param itemEmbeddings trained two-tower item vectors, or null to fit PureSVD stand-ins
   * @param embeddingDim the PureSVD dimension when fitting them
   * @param explorationPolicy the policy for the reserved slots, or null for none
   * @param explorationSlots how many slots to reserve
   * @param seed the seed of every random choice
   * @param threads build threads
   * @param userEncoder how the ANN source embeds a known user (e.g. {@link
   *     TwoTowerEmbeddings#encoder()}), or null for the stand-in: PureSVD's fold-in, or the mean of
   *     the history's item vectors when {@code itemEmbeddings} are given
   */
  public record Options(
      String ranker,
      float[][] itemEmbeddings,
      int embeddingDim,
      Policy explorationPolicy,
      int explorationSlots,
      long seed,
      int threads,
      UserDirectory.UserEncoder userEncoder) {

    /** Options with the stand-in user encoder. */
    public Options(
        String ranker,
        float[][] itemEmbeddings,
        int embeddingDim,
        Policy explorationPolicy,
        int explorationSlots,
        long seed,
        int threads) {
      this(
          ranker,
          itemEmbeddings,
          embeddingDim,
          explorationPolicy,
          explorationSlots,
          seed,
          threads,
          null);
    }

    public Options {
      Objects.requireNonNull(ranker, "ranker");
      if (!ranker.equals("logistic") && !ranker.equals("mmoe")) {
        throw new IllegalArgumentException(
            "ranker must be 'logistic' or 'mmoe', got '" + ranker + "'");
      }
      if (embeddingDim < 1) {
        throw new IllegalArgumentException("embeddingDim must be >= 1, got " + embeddingDim);
      }
      if (explorationSlots < 0) {
        throw new IllegalArgumentException(
            "explorationSlots must be >= 0, got " + explorationSlots);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
    }
  }

  /** Builds every part from {@code train} (its interactions are the training log). */
  public static FunnelAssembly build(
      Dataset train, Options options, InstantSource clock, Progress progress) {
    int nu = train.users().size();
    int ni = train.items().size();
    InteractionGraph graph = InteractionGraph.of(train.interactions(), nu, ni, POSITIVE_RATING);
    int[] counts = new int[ni];
    for (int i = 0; i < ni; i++) {
      counts[i] = graph.itemDegree(i);
    }
    UserSegments segments = UserSegments.of(train.users());
    float[][] embeddings = options.itemEmbeddings();
    PureSvdEmbeddings svd = null;
    if (embeddings == null) {
      svd = PureSvdEmbeddings.fit(graph, Math.min(options.embeddingDim(), ni), 15, options.seed());
      embeddings = svd.itemVectors();
    }
    if (embeddings.length != ni) {
      throw new IllegalArgumentException(
          "item embeddings have " + embeddings.length + " rows for " + ni + " items");
    }
    Map<String, CandidateSource> sources = new LinkedHashMap<>();
    sources.put(
        "swing",
        new NeighbourSource(
            "swing", new SwingSimilarity(1, 100, 300, options.threads()).build(graph), 50));
    sources.put(
        "item-cf",
        new NeighbourSource(
            "item-cf", new CosineSimilarity(100, 5, options.threads()).build(graph), 50));
    sources.put(
        "ann",
        new EmbeddingSource(
            VectorIndex.build(
                embeddings, 10_000, new JVectorIndex.Params(32, 100, 100, options.threads()))));
    sources.put(
        "segment-popular",
        PopularitySource.perSegment(graph, segments.segmentOfUser(), segments.segments(), 20, 500));
    sources.put(
        "trending",
        TrendingSource.of(train.interactions(), ni, 14 * 86_400.0, POSITIVE_RATING, 500));
    sources.put("content", ContentSource.of(train.items(), counts, 5, true));

    UserItemFeatures features = UserItemFeatures.build(train.users(), train.items(), graph);
    RankingExamples examples =
        RankingExamples.of(
            train.interactions(), graph, features, 2, POSITIVE_RATING, options.seed());
    Ranker ranker;
    if (options.ranker().equals("mmoe")) {
      MmoeModel model =
          MmoeModel.train(
              RankingExamples.TASKS,
              examples.x(),
              examples.y(),
              MmoeConfig.defaults(options.seed()),
              progress);
      ranker = new MmoeRanker(features, model);
    } else {
      ranker = LogisticRanker.train(features, examples, options.seed());
    }
    float[][] itemVectors = embeddings;
    PureSvdEmbeddings svdFinal = svd;
    UserDirectory.UserEncoder encoder =
        options.userEncoder() != null
            ? options.userEncoder()
            : svdFinal != null
                ? (user, history) -> svdFinal.userVector(history)
                : (user, history) -> meanOf(itemVectors, history);
    int[] topicOf = new int[ni];
    for (int i = 0; i < ni; i++) {
      topicOf[i] = train.items().primaryTopic(i);
    }
    FunnelPipeline.Builder b =
        FunnelPipeline.builder()
            .merger(defaultMerger())
            .ranker(ranker, new ValueModel(Map.of("click", 1.0, "like", 1.0)))
            .ledger(new ImpressionLedger(clock, FrequencyRules.defaults()))
            .mmr(
                new MmrSelector(
                    0.8, ItemSimilarity.topics(train.items()), new ExposureCap(topicOf, 0.5)))
            .world(
                new UserDirectory(graph, segments.segmentOfUser(), encoder), train.items(), counts)
            .itemEmbeddings(itemVectors)
            .config(FunnelConfig.defaults());
    sources.values().forEach(b::source);
    if (options.explorationPolicy() != null && options.explorationSlots() > 0) {
      b.exploration(
          new ExplorationSlots(options.explorationPolicy(), options.explorationSlots(), 20));
    }
    return new FunnelAssembly(graph, sources, features, ranker, b.build(), itemVectors);
  }

  /**
   * Minimum slots per source. Only the content source has one: it is how cold items (which no
   * collaborative source can propose) enter the funnel. Larger quotas for the other sources cost
   * Recall@100 on MovieLens 100K (0.598 with 60 reserved slots against 0.606 without).
   */
  public static Map<String, Integer> quotas() {
    Map<String, Integer> q = new LinkedHashMap<>();
    q.put("content", 3);
    return q;
  }

  /**
   * The default merger: {@link #quotas()} and fusion weights chosen by {@code MergerTuner} on a
   * validation split of MovieLens 100K's training rows ({@code bench/funnel/run-quality.sh}), never
   * on its test split.
   */
  public static CandidateMerger defaultMerger() {
    // Found on 2026-11-23 (bench/results/funnel-ml100k-2026-11-23.md): validation Recall@100
    // 0.612; on the test split 0.659 against 0.645 for the best single source (ann).
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("swing", 0.960);
    w.put("item-cf", 0.976);
    w.put("ann", 4.0);
    w.put("segment-popular", 0.392);
    w.put("trending", 0.768);
    w.put("content", 0.011);
    return new CandidateMerger(quotas(), 60, w);
  }

  /**
   * Thompson sampling for the exploration slots, with 64 draws (not 256) for its slot-probability
   * estimate: the estimate is 20 arms x S Beta draws per request, which at 256 was the largest part
   * of the explore stage; 64 still floors propensities at 1/128.
   */
  public static Policy explorationPolicy() {
    return new BetaThompsonPolicy(
        BetaThompsonPolicy.DEFAULT_ALPHA, BetaThompsonPolicy.DEFAULT_BETA, 64);
  }

  static float[] meanOf(float[][] vectors, int[] history) {
    float[] u = new float[vectors[0].length];
    for (int h : history) {
      for (int d = 0; d < u.length; d++) {
        u[d] += vectors[h][d] / history.length;
      }
    }
    return u;
  }

  /** The names of the sources, in merge order. */
  public List<String> sourceNames() {
    return List.copyOf(sources.keySet());
  }
}
