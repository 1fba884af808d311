package dev.nudge.bench.funnel;

import dev.nudge.candidates.Candidate;
import dev.nudge.candidates.CandidateMerger;
import dev.nudge.candidates.CandidateQuery;
import dev.nudge.candidates.CandidateSource;
import dev.nudge.candidates.InteractionGraph;
import dev.nudge.candidates.MergerTuner;
import dev.nudge.candidates.SwingSimilarity;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.load.DatasetFormats;
import dev.nudge.eval.metrics.BinaryAuc;
import dev.nudge.model.mmoe.MmoeConfig;
import dev.nudge.model.mmoe.MmoeModel;
import dev.nudge.ranking.FunnelAssembly;
import dev.nudge.ranking.FunnelRequest;
import dev.nudge.ranking.LogisticRanker;
import dev.nudge.ranking.MmoeRanker;
import dev.nudge.ranking.RankingExamples;
import dev.nudge.ranking.UserSegments;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * MovieLens 100K funnel benchmark: Swing build time, Recall@100 per candidate source and merged,
 * MMoE against single-task models and the logistic baseline (test AUC per task), and the pipeline's
 * latency per user. Split: each rating goes to test with probability 0.2 (seeded); test positives
 * are test ratings >= 4 of users and items seen in training. Prints Markdown.
 *
 * <p>Usage: {@code FunnelQualityBench <ml-100k dir> [mmoeEpochs=3] [twoTowerEpochs=5]}
 */
public final class FunnelQualityBench {
  private FunnelQualityBench() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int twoTowerEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long seed = Seeds.DEFAULT_SEED;
    int threads = Runtime.getRuntime().availableProcessors();
    Dataset all = DatasetFormats.load(dir, "ml-100k");
    InteractionLog log = all.interactions();
    RandomGenerator rnd = Seeds.random(seed, "funnel-bench.split");
    List<Integer> trainRows = new ArrayList<>();
    List<Integer> testRows = new ArrayList<>();
    for (int r = 0; r < log.size(); r++) {
      (rnd.nextDouble() < 0.2 ? testRows : trainRows).add(r);
    }
    InteractionLog train = log.select(trainRows.stream().mapToInt(i -> i).toArray());
    InteractionLog test = log.select(testRows.stream().mapToInt(i -> i).toArray());
    Dataset trainSet = all.withInteractions(train);
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Data: %s, random 80/20 split of ratings (seed %d): %d train, %d test rows.%n%n",
            all,
            seed,
            train.size(),
            test.size()));

    // Swing build time (median of 3) at 1 thread and all threads.
    InteractionGraph graph = InteractionGraph.of(train, all.users().size(), all.items().size(), 4f);
    md.append("## Swing build on the training graph (").append(graph.edges()).append(" edges)\n\n");
    md.append(
        "| threads | exact (all user pairs) median s | capped at 300 users/item median s |\n");
    md.append("|---|---|---|\n");
    for (int t : new int[] {1, threads}) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.2f | %.2f |%n",
              t,
              median3(() -> new SwingSimilarity(1, 100, Integer.MAX_VALUE, t).build(graph)),
              median3(() -> new SwingSimilarity(1, 100, 300, t).build(graph))));
    }

    flush(md);

    // Merger weights chosen on a validation split of the training rows (sources built without
    // them), never on the test split.
    List<Integer> fitRows = new ArrayList<>();
    List<Integer> valRows = new ArrayList<>();
    RandomGenerator valRnd = Seeds.random(seed, "funnel-bench.validation");
    for (int r = 0; r < train.size(); r++) {
      (valRnd.nextDouble() < 0.2 ? valRows : fitRows).add(r);
    }
    InteractionLog fit = train.select(fitRows.stream().mapToInt(i -> i).toArray());
    InteractionLog val = train.select(valRows.stream().mapToInt(i -> i).toArray());
    FunnelAssembly fitFunnel =
        FunnelAssembly.build(
            all.withInteractions(fit),
            new FunnelAssembly.Options(
                "logistic", null, 32, FunnelAssembly.explorationPolicy(), 1, seed, threads),
            InstantSource.system(),
            Progress.silent());
    List<MergerTuner.Example> valExamples = examples(fitFunnel, val, segment(all));
    MergerTuner tuner = new MergerTuner(FunnelAssembly.quotas(), 100, 3);
    MergerTuner.Tuned tuned = tuner.tune(valExamples);
    md.append("\n## Merger weights tuned on validation (")
        .append(valExamples.size())
        .append(" users; sources fitted on the other 80% of the training rows)\n\n")
        .append("- quotas kept: ")
        .append(FunnelAssembly.quotas())
        .append("\n- tuned: RRF k = ")
        .append(tuned.merger().fusionK())
        .append(", weights ")
        .append(rounded(tuned.merger().weights()))
        .append(String.format(Locale.ROOT, "; validation Recall@100 %.4f%n", tuned.recall()))
        .append("- each source on validation: ")
        .append(rounded(tuned.sourceRecall()))
        .append("\n");

    flush(md);

    // Recall@100 per source and merged, on the test split, sources fitted on all training rows.
    FunnelAssembly funnel =
        FunnelAssembly.build(
            trainSet,
            new FunnelAssembly.Options(
                "logistic", null, 32, FunnelAssembly.explorationPolicy(), 1, seed, threads),
            InstantSource.system(),
            Progress.silent());
    List<MergerTuner.Example> testExamples = examples(funnel, test, segment(all));
    Map<String, Double> recall = new LinkedHashMap<>();
    recall.putAll(tuner.sourceRecall(testExamples));
    recall.put(
        "merged: equal-weight RRF, no quotas",
        tuner.recall(new CandidateMerger(Map.of(), 60), testExamples));
    recall.put(
        "merged: previous default (quotas 15/10/15/10/5/5 + equal-weight RRF)",
        tuner.recall(new CandidateMerger(previousQuotas(), 60), testExamples));
    recall.put(
        "merged: weights tuned on validation in this run",
        tuner.recall(tuned.merger(), testExamples));
    recall.put(
        "merged: FunnelAssembly default merger",
        tuner.recall(FunnelAssembly.defaultMerger(), testExamples));
    md.append("\n## Recall@100 per source and merged, test split (")
        .append(testExamples.size())
        .append(" test users with a test rating >= 4)\n\n| source | Recall@100 |\n|---|---|\n");
    double bestSingle = 0;
    for (Map.Entry<String, Double> e : recall.entrySet()) {
      md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", e.getKey(), e.getValue()));
      if (funnel.sources().containsKey(e.getKey())) {
        bestSingle = Math.max(bestSingle, e.getValue());
      }
    }
    double tunedTest = recall.get("merged: weights tuned on validation in this run");
    md.append(
        String.format(
            Locale.ROOT,
            "%nTarget (merged above every single source): **%s** (tuned merger %.4f, best single"
                + " source %.4f).%n",
            tunedTest > bestSingle ? "met" : "NOT met",
            tunedTest,
            bestSingle));

    flush(md);

    md.append(TwoTowerAnn.section(all, train, test, graph, segment(all), seed, twoTowerEpochs));

    flush(md);

    // Ranking: MMoE vs single-task vs logistic, test AUC per task.
    RankingExamples trainEx = RankingExamples.of(train, graph, funnel.features(), 2, 4f, seed);
    RankingExamples testEx = RankingExamples.of(test, graph, funnel.features(), 2, 4f, seed + 1);
    MmoeConfig cfg = new MmoeConfig(4, 32, 16, epochs, 512, 0.005f, seed);
    md.append("\n## Ranking: test AUC per task (")
        .append(trainEx.size())
        .append(" train rows, ")
        .append(testEx.size())
        .append(" test rows, 2 sampled negatives per rating)\n\n");
    md.append("| model | click AUC | like AUC | train s |\n|---|---|---|---|\n");
    MmoeModel mmoe = null;
    try {
      long t0 = System.nanoTime();
      mmoe =
          MmoeModel.train(RankingExamples.TASKS, trainEx.x(), trainEx.y(), cfg, Progress.silent());
      double mmoeSecs = (System.nanoTime() - t0) / 1e9;
      float[][] p = mmoe.predict(testEx.x());
      md.append(
          String.format(
              Locale.ROOT,
              "| MMoE (4 experts, 2 tasks, %d epochs) | %.4f | %.4f | %.1f |%n",
              epochs,
              auc(col(p, 0), testEx.labels(0)),
              auc(col(p, 1), testEx.labels(1)),
              mmoeSecs));
      double[] single = new double[2];
      double singleSecs = 0;
      for (int t = 0; t < 2; t++) {
        float[][] y = new float[trainEx.size()][];
        for (int r = 0; r < y.length; r++) {
          y[r] = new float[] {trainEx.y()[r][t]};
        }
        long s0 = System.nanoTime();
        try (MmoeModel one =
            MmoeModel.train(
                List.of(RankingExamples.TASKS.get(t)), trainEx.x(), y, cfg, Progress.silent())) {
          singleSecs += (System.nanoTime() - s0) / 1e9;
          single[t] = auc(col(one.predict(testEx.x()), 0), testEx.labels(t));
        }
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| single-task (same network, one task each) | %.4f | %.4f | %.1f |%n",
              single[0],
              single[1],
              singleSecs));
    } catch (RuntimeException e) {
      md.append("| MMoE / single-task | failed: ").append(e.getMessage()).append(" | | |\n");
    }
    long l0 = System.nanoTime();
    LogisticRanker lr = LogisticRanker.train(funnel.features(), trainEx, seed);
    double lrSecs = (System.nanoTime() - l0) / 1e9;
    float[][] lp = new float[testEx.size()][2];
    double[][] byRow = new double[1][];
    for (int r = 0; r < testEx.size(); r++) {
      byRow = lr.score(testEx.users()[r], new int[] {testEx.items()[r]});
      lp[r][0] = (float) byRow[0][0];
      lp[r][1] = (float) byRow[0][1];
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| logistic with crossed features | %.4f | %.4f | %.1f |%n",
            auc(col(lp, 0), testEx.labels(0)),
            auc(col(lp, 1), testEx.labels(1)),
            lrSecs));

    flush(md);

    // Pipeline latency per user: logistic funnel, then the same funnel with the MMoE ranker.
    md.append("\n## Pipeline latency per user (all ")
        .append(all.users().size())
        .append(" users, 100 candidates ranked, slate 10, 1 exploration slot, 1 thread)\n\n");
    md.append(
        "| ranker | p50 ms | p90 ms | p99 ms | max ms | p50 cpu ms | p99 cpu ms |\n"
            + "|---|---|---|---|---|---|---|\n");
    md.append(latency("logistic", funnel, all.users().size(), null));
    if (mmoe != null) {
      md.append(
          latency("mmoe", funnel, all.users().size(), new MmoeRanker(funnel.features(), mmoe)));
      mmoe.close();
    }
    System.out.print(md);
  }

  private static int[] segment(Dataset all) {
    return UserSegments.of(all.users()).segmentOfUser();
  }

  /** Every held-out user with a positive (rating >= 4) and a training history: lists + truth. */
  static List<MergerTuner.Example> examples(
      FunnelAssembly funnel, InteractionLog heldOut, int[] seg) {
    InteractionGraph graph = funnel.graph();
    Map<Integer, Set<Integer>> positives = new LinkedHashMap<>();
    for (int r = 0; r < heldOut.size(); r++) {
      if (heldOut.value(r) >= 4 && graph.userDegree(heldOut.user(r)) > 0) {
        positives.computeIfAbsent(heldOut.user(r), k -> new HashSet<>()).add(heldOut.item(r));
      }
    }
    List<MergerTuner.Example> out = new ArrayList<>();
    for (Map.Entry<Integer, Set<Integer>> e : positives.entrySet()) {
      int u = e.getKey();
      int[] history = graph.history(u);
      CandidateQuery q =
          new CandidateQuery(u, history, seg[u], sumOf(funnel.itemEmbeddings(), history));
      Map<String, List<Candidate>> lists = new LinkedHashMap<>();
      for (Map.Entry<String, CandidateSource> s : funnel.sources().entrySet()) {
        lists.put(s.getKey(), s.getValue().retrieve(q, 100));
      }
      out.add(new MergerTuner.Example(lists, e.getValue()));
    }
    return out;
  }

  static float[] sumOf(float[][] vectors, int[] rows) {
    float[] out = new float[vectors[0].length];
    for (int h : rows) {
      for (int d = 0; d < out.length; d++) {
        out[d] += vectors[h][d];
      }
    }
    return out;
  }

  /** The quotas of the previous session's default merger, for comparison. */
  private static Map<String, Integer> previousQuotas() {
    Map<String, Integer> q = new LinkedHashMap<>();
    q.put("swing", 15);
    q.put("item-cf", 10);
    q.put("ann", 15);
    q.put("segment-popular", 10);
    q.put("trending", 5);
    q.put("content", 5);
    return q;
  }

  private static String rounded(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Double> e : m.entrySet()) {
      sb.append(sb.length() > 1 ? ", " : "")
          .append(e.getKey())
          .append('=')
          .append(String.format(Locale.ROOT, "%.3f", e.getValue()));
    }
    return sb.append('}').toString();
  }

  private static String latency(String name, FunnelAssembly funnel, int users, MmoeRanker mmoe) {
    var pipeline = mmoe == null ? funnel.pipeline() : funnel.pipeline().withRanker(mmoe);
    // Two passes: the first warms the JIT (and hits cool-downs less than real traffic would,
    // as every request is for a different user), the second is timed. Wall time and this
    // thread's CPU time: on a shared machine wall time mostly measures the other tenants.
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    double[] ms = new double[users];
    double[] cpuMs = new double[users];
    for (int pass = 0; pass < 2; pass++) {
      for (int u = 0; u < users; u++) {
        long s = System.nanoTime();
        long c = cpu.getCurrentThreadCpuTime();
        pipeline.recommend(new FunnelRequest(u, -1, name + "-" + pass + "-" + u, 10));
        cpuMs[u] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
        ms[u] = (System.nanoTime() - s) / 1e6;
      }
    }
    Arrays.sort(ms);
    Arrays.sort(cpuMs);
    return String.format(
        Locale.ROOT,
        "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
        name,
        ms[users / 2],
        ms[(int) (users * 0.9)],
        ms[(int) (users * 0.99)],
        ms[users - 1],
        cpuMs[users / 2],
        cpuMs[(int) (users * 0.99)]);
  }

  /** Prints what is measured so far, so a long run shows results as they come. */
  private static void flush(StringBuilder md) {
    System.out.print(md);
    System.out.flush();
    md.setLength(0);
  }

  private static double hit(List<Candidate> got, Set<Integer> positives) {
    int h = 0;
    for (Candidate c : got) {
      h += positives.contains(c.item()) ? 1 : 0;
    }
    return h / (double) positives.size();
  }

  private static float[] col(float[][] p, int t) {
    float[] out = new float[p.length];
    for (int r = 0; r < p.length; r++) {
      out[r] = p[r][t];
    }
    return out;
  }

  static double auc(float[] score, float[] label) {
    return BinaryAuc.of(score.length, k -> score[k], k -> label[k] > 0.5f);
  }

  private static double median3(Runnable r) {
    double[] t = new double[3];
    for (int k = 0; k < 3; k++) {
      long s = System.nanoTime();
      r.run();
      t[k] = (System.nanoTime() - s) / 1e9;
    }
    Arrays.sort(t);
    return t[1];
  }
}
