package dev.nudge.eval.metrics;

import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The evaluation harness: ranks each user's test positives with a scorer and averages the per-list
 * metrics. Every row of the test log is a positive (the split decides what counts as one); every
 * row of the train log marks an item the user has seen, which full ranking excludes and sampling
 * never draws. Single-threaded and deterministic for a seed.
 */
public final class RankingEvaluator {

  private final int users;
  private final int items;
  private final int[][] seen;
  private final int[][] positives;
  private final long[] popularity;
  private final long trainSize;

  /**
   * Prepares an evaluation.
   *
   * @param users number of user keys
   * @param items number of item keys (the catalogue size)
   * @param train the training log
   * @param test the test log; positives the user also has in training are dropped
   */
  public RankingEvaluator(int users, int items, InteractionLog train, InteractionLog test) {
    if (users < 1 || items < 2) {
      throw new IllegalArgumentException(
          "need >= 1 user and >= 2 items, got " + users + " users and " + items + " items");
    }
    this.users = users;
    this.items = items;
    this.seen = byUser(train, users, items);
    this.popularity = new long[items];
    for (int r = 0; r < train.size(); r++) {
      popularity[train.item(r)]++;
    }
    this.trainSize = train.size();
    int[][] raw = byUser(test, users, items);
    this.positives = new int[users][];
    for (int u = 0; u < users; u++) {
      int[] s = seen[u];
      positives[u] = Arrays.stream(raw[u]).filter(i -> Arrays.binarySearch(s, i) < 0).toArray();
    }
  }

  /** Training interaction counts per item. */
  public long[] popularity() {
    return popularity.clone();
  }

  /** Runs the evaluation. */
  public MetricReport evaluate(ItemScorer scorer, EvaluationConfig config) {
    return config.protocol() == Protocol.FULL ? full(scorer, config) : sampled(scorer, config);
  }

  private MetricReport full(ItemScorer scorer, EvaluationConfig config) {
    List<Integer> ks = config.cutoffs();
    int maxK = config.maxCutoff();
    boolean[] tail = ExposureMetrics.tail(popularity, config.tailFraction());
    Accumulator acc = new Accumulator(ks);
    long[][] exposure = new long[ks.size()][items];
    double[] novelty = new double[ks.size()];
    long[] shown = new long[ks.size()];
    int tailPositives = 0;
    int tailHits = 0;
    float[] scores = new float[items];
    boolean[] candidate = new boolean[items];
    for (int u = 0; u < users; u++) {
      int[] pos = positives[u];
      if (pos.length == 0) {
        continue;
      }
      score(scorer, u, scores);
      Arrays.fill(candidate, true);
      for (int i : seen[u]) {
        candidate[i] = false;
      }
      float[] posScores = new float[pos.length];
      for (int a = 0; a < pos.length; a++) {
        posScores[a] = scores[pos[a]];
        candidate[pos[a]] = false;
      }
      float[] negScores = new float[items];
      int n = 0;
      for (int i = 0; i < items; i++) {
        if (candidate[i]) {
          negScores[n++] = scores[i];
        }
      }
      negScores = Arrays.copyOf(negScores, n);
      acc.add(PositiveRanks.of(posScores, negScores));
      int[] rankOf = PositiveRanks.ranksInInputOrder(posScores, negScores);
      for (int a = 0; a < pos.length; a++) {
        if (tail[pos[a]]) {
          tailPositives++;
          if (rankOf[a] < 10) {
            tailHits++;
          }
        }
      }
      for (int p : pos) {
        candidate[p] = true;
      }
      int[] top = topK(scores, candidate, maxK);
      for (int c = 0; c < ks.size(); c++) {
        int k = Math.min(ks.get(c), top.length);
        for (int j = 0; j < k; j++) {
          exposure[c][top[j]]++;
          novelty[c] += ExposureMetrics.selfInformation(popularity[top[j]], trainSize, items);
          shown[c]++;
        }
      }
    }
    Map<String, Double> out = acc.means();
    for (int c = 0; c < ks.size(); c++) {
      int k = ks.get(c);
      out.put("coverage@" + k, ExposureMetrics.coverage(exposure[c]));
      out.put("gini@" + k, ExposureMetrics.gini(exposure[c]));
      out.put("novelty@" + k, shown[c] == 0 ? Double.NaN : novelty[c] / shown[c]);
    }
    out.put("tail_hr@10", tailPositives == 0 ? Double.NaN : (double) tailHits / tailPositives);
    return new MetricReport(Protocol.FULL, acc.lists, out);
  }

  private MetricReport sampled(ItemScorer scorer, EvaluationConfig config) {
    Accumulator acc = new Accumulator(config.cutoffs());
    float[] scores = new float[items];
    boolean[] excluded = new boolean[items];
    for (int u = 0; u < users; u++) {
      int[] pos = positives[u];
      if (pos.length == 0) {
        continue;
      }
      score(scorer, u, scores);
      Arrays.fill(excluded, false);
      for (int i : seen[u]) {
        excluded[i] = true;
      }
      for (int i : pos) {
        excluded[i] = true;
      }
      int[] pool = new int[items];
      int available = 0;
      for (int i = 0; i < items; i++) {
        if (!excluded[i]) {
          pool[available++] = i;
        }
      }
      // One stream per user: results do not depend on which other users have positives.
      RandomGenerator rng = Seeds.random(config.seed(), u);
      int m = Math.min(config.sampledNegatives(), available);
      for (int p : pos) {
        // A partial Fisher-Yates shuffle draws m distinct negatives.
        float[] negScores = new float[m];
        for (int j = 0; j < m; j++) {
          int pick = j + rng.nextInt(available - j);
          int t = pool[j];
          pool[j] = pool[pick];
          pool[pick] = t;
          negScores[j] = scores[pool[j]];
        }
        acc.add(PositiveRanks.of(new float[] {scores[p]}, negScores));
      }
    }
    return new MetricReport(Protocol.SAMPLED_100, acc.lists, acc.means());
  }

  private void score(ItemScorer scorer, int user, float[] scores) {
    Arrays.fill(scores, Float.NaN);
    scorer.score(user, scores);
    for (int i = 0; i < items; i++) {
      if (Float.isNaN(scores[i])) {
        throw new IllegalStateException("scorer left item " + i + " of user " + user + " unset");
      }
    }
  }

  /** The k best candidates by score, best first, ties broken by lower item key. */
  static int[] topK(float[] scores, boolean[] candidate, int k) {
    int[] top = new int[k];
    int size = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!candidate[i]) {
        continue;
      }
      if (size < k) {
        top[size++] = i;
      } else if (scores[i] > scores[top[k - 1]]) {
        top[k - 1] = i;
      } else {
        continue;
      }
      // Insertion step keeps top sorted; k is small (<= 100), so this beats a heap.
      for (int j = size - 1; j > 0 && better(scores, top[j], top[j - 1]); j--) {
        int t = top[j];
        top[j] = top[j - 1];
        top[j - 1] = t;
      }
    }
    return Arrays.copyOf(top, size);
  }

  private static boolean better(float[] scores, int a, int b) {
    return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
  }

  private static int[][] byUser(InteractionLog log, int users, int items) {
    int[] counts = new int[users];
    for (int r = 0; r < log.size(); r++) {
      int u = log.user(r);
      int i = log.item(r);
      if (u < 0 || u >= users || i < 0 || i >= items) {
        throw new IllegalArgumentException(
            "row " + r + " has user " + u + " / item " + i + " outside " + users + " x " + items);
      }
      counts[u]++;
    }
    int[][] out = new int[users][];
    for (int u = 0; u < users; u++) {
      out[u] = new int[counts[u]];
    }
    int[] fill = new int[users];
    for (int r = 0; r < log.size(); r++) {
      int u = log.user(r);
      out[u][fill[u]++] = log.item(r);
    }
    for (int u = 0; u < users; u++) {
      out[u] = Arrays.stream(out[u]).sorted().distinct().toArray();
    }
    return out;
  }

  /** Running sums of the per-list accuracy metrics. */
  private static final class Accumulator {
    private final List<Integer> ks;
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private int lists;

    Accumulator(List<Integer> ks) {
      this.ks = ks;
      for (int k : ks) {
        for (String m : List.of("hr", "ndcg", "recall", "precision", "map")) {
          sums.put(m + "@" + k, 0.0);
        }
      }
      sums.put("mrr", 0.0);
      sums.put("auc", 0.0);
    }

    void add(PositiveRanks r) {
      lists++;
      for (int k : ks) {
        sums.merge("hr@" + k, r.hitRate(k), Double::sum);
        sums.merge("ndcg@" + k, r.ndcg(k), Double::sum);
        sums.merge("recall@" + k, r.recall(k), Double::sum);
        sums.merge("precision@" + k, r.precision(k), Double::sum);
        sums.merge("map@" + k, r.averagePrecision(k), Double::sum);
      }
      sums.merge("mrr", r.reciprocalRank(), Double::sum);
      sums.merge("auc", r.auc(), Double::sum);
    }

    Map<String, Double> means() {
      Map<String, Double> out = new LinkedHashMap<>();
      sums.forEach((k, v) -> out.put(k, lists == 0 ? Double.NaN : v / lists));
      return out;
    }
  }
}
