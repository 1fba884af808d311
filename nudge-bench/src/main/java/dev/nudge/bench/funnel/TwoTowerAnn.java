package dev.nudge.bench.funnel;

import dev.nudge.candidates.Candidate;
import dev.nudge.candidates.CandidateQuery;
import dev.nudge.candidates.EmbeddingSource;
import dev.nudge.candidates.ExactVectorIndex;
import dev.nudge.candidates.InteractionGraph;
import dev.nudge.candidates.JVectorIndex;
import dev.nudge.candidates.VectorIndex;
import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.model.twotower.TwoTowerTrainer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ANN over two-tower item embeddings (the vectors the retrieval is meant to use): trains a
 * 64-wide two-tower model on the training split with nudge-model's trainer, then measures jvector
 * recall@10 against exact search with every user's tower output as a query, single-thread
 * queries/s, and the ANN source's Recall@100 on the test split with those vectors.
 */
final class TwoTowerAnn {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private TwoTowerAnn() {}

  static String section(
      Dataset all,
      InteractionLog train,
      InteractionLog test,
      InteractionGraph graph,
      int[] segment,
      long seed,
      int epochs) {
    TwoTowerConfig config =
        new TwoTowerConfig(
            null,
            null,
            64,
            null,
            null,
            new TrainingConfig(null, null, null, null, null, epochs, null, null, 4.0, seed, 1));
    long t0 = System.nanoTime();
    TwoTowerModel model =
        TwoTowerTrainer.train(all, train, config, null, Progress.silent()).model();
    double trainSecs = (System.nanoTime() - t0) / 1e9;
    int items = all.items().size();
    int users = all.users().size();
    float[][] itemVectors = new float[items][];
    for (int i = 0; i < items; i++) {
      itemVectors[i] = model.itemEmbedding(model.itemKey(all.items().ids().id(i)));
    }
    float[][] userVectors = new float[users][];
    for (int u = 0; u < users; u++) {
      userVectors[u] = model.userEmbedding(model.userKey(all.users().ids().id(u)));
    }
    ExactVectorIndex exact = ExactVectorIndex.of(itemVectors);
    int[][] truth = new int[users][];
    for (int u = 0; u < users; u++) {
      truth[u] = exact.search(userVectors[u], 10).items();
    }
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%n## ANN over two-tower item embeddings (%d items, d = 64, %d epochs, trained in"
                + " %.1f s)%n%n",
            items,
            epochs,
            trainSecs));
    md.append("Queries: every user's tower output (")
        .append(users)
        .append(
            "), top-10 by inner product; exact = a full scan. Queries/s single-thread per"
                + " CPU-second.\n\n| index | recall@10 | q/s cpu |\n|---|---|---|\n");
    md.append(row("exact scan", exact, userVectors, truth));
    JVectorIndex ann =
        JVectorIndex.build(
            itemVectors,
            new JVectorIndex.Params(16, 100, 10, Runtime.getRuntime().availableProcessors()));
    for (int ef : new int[] {10, 20, 40, 80}) {
      md.append(row("jvector M=16 ef=" + ef, ann.withSearchBeam(ef), userVectors, truth));
    }
    // Recall@100 of the ANN source on the test split, two-tower vectors (graph index, ef 100).
    EmbeddingSource source = new EmbeddingSource(ann.withSearchBeam(100));
    EmbeddingSource exactSource = new EmbeddingSource(exact);
    Map<Integer, Set<Integer>> positives = new LinkedHashMap<>();
    for (int r = 0; r < test.size(); r++) {
      if (test.value(r) >= 4 && graph.userDegree(test.user(r)) > 0) {
        positives.computeIfAbsent(test.user(r), k -> new HashSet<>()).add(test.item(r));
      }
    }
    double annRecall = 0;
    double exactRecall = 0;
    for (Map.Entry<Integer, Set<Integer>> e : positives.entrySet()) {
      int u = e.getKey();
      CandidateQuery q = new CandidateQuery(u, graph.history(u), segment[u], userVectors[u]);
      annRecall += hit(source.retrieve(q, 100), e.getValue());
      exactRecall += hit(exactSource.retrieve(q, 100), e.getValue());
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nRecall@100 of the two-tower ANN source on the test split (%d users): jvector ef=100"
                + " %.4f, exact %.4f.%n",
            positives.size(),
            annRecall / positives.size(),
            exactRecall / positives.size()));
    return md.toString();
  }

  private static String row(String name, VectorIndex index, float[][] queries, int[][] truth) {
    for (int rep = 0; rep < 3; rep++) {
      for (float[] q : queries) {
        index.search(q, 10);
      }
    }
    int found = 0;
    int reps = 5;
    long c0 = CPU.getCurrentThreadCpuTime();
    for (int rep = 0; rep < reps; rep++) {
      for (int u = 0; u < queries.length; u++) {
        int[] got = index.search(queries[u], 10).items();
        if (rep == 0) {
          found += AnnBench.overlap(truth[u], got);
        }
      }
    }
    double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
    return String.format(
        Locale.ROOT,
        "| %s | %.4f | %.0f |%n",
        name,
        found / (10.0 * queries.length),
        reps * queries.length / cpu);
  }

  private static double hit(List<Candidate> got, Set<Integer> positives) {
    int h = 0;
    for (Candidate c : got) {
      h += positives.contains(c.item()) ? 1 : 0;
    }
    return h / (double) positives.size();
  }
}
