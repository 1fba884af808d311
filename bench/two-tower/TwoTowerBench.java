// Two-tower benchmark driver (single-file Java program, public Nudge API only).
// Run through run.sh, which builds Nudge and passes the class path. Prints one JSON object per
// line on stdout; run.sh collects them into bench/results/two-tower-<date>.json and .md.
//
//   java -cp <cp> TwoTowerBench.java synthetic <interactions> <batch>
//   java -cp <cp> TwoTowerBench.java ml100k <data-dir> <epochs>

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import dev.nudge.data.load.DatasetFormats;
import dev.nudge.data.split.Fractions;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.data.split.LeaveLastOutSplitter;
import dev.nudge.data.split.RandomSplitter;
import dev.nudge.data.split.Split;
import dev.nudge.eval.metrics.EvaluationConfig;
import dev.nudge.eval.metrics.ItemScorer;
import dev.nudge.eval.metrics.MetricReport;
import dev.nudge.eval.metrics.Protocol;
import dev.nudge.eval.metrics.RankingEvaluator;
import dev.nudge.model.baseline.BprConfig;
import dev.nudge.model.baseline.BprRecommender;
import dev.nudge.model.baseline.PopularityRecommender;
import dev.nudge.model.twotower.InputGroup;
import dev.nudge.model.twotower.TowerConfig;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class TwoTowerBench {
  static final long SEED = 20261123L;

  public static void main(String[] args) {
    switch (args[0]) {
      case "synthetic" -> synthetic(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "ml100k" -> ml100k(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("mode must be synthetic or ml100k");
    }
  }

  /** The towers the PyTorch reference implements too: id + attention history / id, MLP 64, 32. */
  static TwoTowerConfig shared(int batch, int epochs, double lr, double threshold) {
    TowerConfig user =
        new TowerConfig(
            List.of(InputGroup.id(32), InputGroup.history(32, 20)), List.of(64), null, null);
    TowerConfig item = new TowerConfig(List.of(InputGroup.id(32)), List.of(64), null, null);
    return new TwoTowerConfig(
        user,
        item,
        32,
        false,
        null,
        new TrainingConfig(
            null, null, null, lr, batch, epochs, 3, null, threshold, SEED, 1));
  }

  static void synthetic(int n, int batch) {
    int users = 100_000;
    int items = 20_000;
    var rng = Seeds.random(SEED, "bench.synthetic");
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    for (int k = 0; k < n; k++) {
      b.add(rng.nextInt(users), rng.nextInt(items), k, 1f);
    }
    Dataset d =
        new Dataset(
            "synthetic", Catalogue.anonymous(items), UserTable.anonymous(IdIndex.range(users)), b.build());
    long t0 = System.nanoTime();
    var r =
        TwoTowerTrainer.train(
            d, d.interactions(), shared(batch, 1, 0.001, 0.5), null, Progress.silent());
    double total = (System.nanoTime() - t0) / 1e9;
    emit(
        Map.of(
            "name", "java-djl synthetic epoch",
            "interactions", n,
            "batch", batch,
            "epoch_seconds", r.report().trainSeconds(),
            "total_seconds", total,
            "examples_per_second", r.report().examplesPerSecond()));
  }

  static void ml100k(Path dir, int epochs) {
    Dataset d = DatasetFormats.load(dir, "ml-100k");
    int users = d.users().size();
    int items = d.items().size();
    // Protocol 1: per-user temporal leave-one-out on positives (ratings >= 4).
    ImplicitLabels labels = ImplicitLabels.DEFAULT;
    Split loo = new LeaveLastOutSplitter(labels, true).split(d.interactions());
    InteractionLog trainPos = labels.positives(loo.train());
    InteractionLog seen = concat(loo.train(), loo.validation());
    RankingEvaluator looTest = new RankingEvaluator(users, items, seen, labels.positives(loo.test()));
    RankingEvaluator looVal =
        new RankingEvaluator(users, items, loo.train(), labels.positives(loo.validation()));
    report("loo", "popularity", looTest, PopularityRecommender.fit(trainPos, items)::score, Double.NaN);
    BprConfig bprConfig = new BprConfig(64, 0.05, 0.002, 40, SEED);
    long t0 = System.nanoTime();
    BprRecommender bpr = BprRecommender.fit(trainPos, users, items, bprConfig, Progress.silent());
    double bprSecs = (System.nanoTime() - t0) / 1e9;
    report("loo", "bpr-mf", looTest, bpr::score, trainPos.size() * 40.0 / bprSecs);
    twoTower("loo", "two-tower (shared towers)", d, loo.train(), looVal, looTest,
        shared(256, epochs, 0.002, 4.0));
    twoTower("loo", "two-tower (with features)", d, loo.train(), looVal, looTest,
        featured(256, epochs, 0.002, 4.0));
    // Protocol 2: RecBole's random 80/10/10 of all ratings as implicit feedback, full ranking.
    Split rs = new RandomSplitter(Fractions.DEFAULT, SEED).split(d.interactions());
    InteractionLog rsSeen = concat(rs.train(), rs.validation());
    RankingEvaluator rsTest = new RankingEvaluator(users, items, rsSeen, rs.test());
    RankingEvaluator rsVal = new RankingEvaluator(users, items, rs.train(), rs.validation());
    report("recbole-rs", "popularity", rsTest, PopularityRecommender.fit(rs.train(), items)::score, Double.NaN);
    BprRecommender rsBpr = BprRecommender.fit(rs.train(), users, items, bprConfig, Progress.silent());
    report("recbole-rs", "bpr-mf", rsTest, rsBpr::score, Double.NaN);
    twoTower("recbole-rs", "two-tower (shared towers)", d, rs.train(), rsVal, rsTest,
        shared(256, epochs, 0.002, 0.0));
  }

  /** Adds user demographics and item genres and title tokens to the shared towers. */
  static TwoTowerConfig featured(int batch, int epochs, double lr, double threshold) {
    TowerConfig user =
        new TowerConfig(
            List.of(
                InputGroup.id(32),
                InputGroup.history(32, 20),
                InputGroup.categorical("occupation", 8),
                InputGroup.categorical("gender", 4),
                InputGroup.numeric("age")),
            List.of(64),
            null,
            null);
    TowerConfig item =
        new TowerConfig(
            List.of(
                InputGroup.id(32),
                InputGroup.text("topics", 8, 64, 4),
                InputGroup.text("text", 16, 4096, 8),
                InputGroup.numeric("year")),
            List.of(64),
            null,
            null);
    return new TwoTowerConfig(
        user, item, 32, false, null,
        new TrainingConfig(null, null, null, lr, batch, epochs, 3, null, threshold, SEED, 1));
  }

  static void twoTower(
      String protocol,
      String name,
      Dataset d,
      InteractionLog train,
      RankingEvaluator val,
      RankingEvaluator test,
      TwoTowerConfig config) {
    EvaluationConfig full = EvaluationConfig.of(Protocol.FULL, SEED);
    var r =
        TwoTowerTrainer.train(
            d.withInteractions(train),
            train,
            config,
            m -> val.evaluate(m::score, full).get("ndcg@10"),
            Progress.silent());
    System.err.printf(Locale.ROOT, "%s %s: epochs %d best %d val %s%n", protocol, name,
        r.report().epochs(), r.report().bestEpoch(), r.report().validation());
    report(protocol, name, test, r.model()::score, r.report().examplesPerSecond());
  }

  static void report(String protocol, String name, RankingEvaluator e, ItemScorer s, double exs) {
    for (Protocol p : Protocol.values()) {
      if (protocol.startsWith("recbole") && p == Protocol.SAMPLED_100) {
        continue;
      }
      MetricReport r = e.evaluate(s, EvaluationConfig.of(p, SEED));
      StringBuilder json = new StringBuilder();
      json.append(String.format(Locale.ROOT,
          "{\"split\":\"%s\",\"model\":\"%s\",\"protocol\":\"%s\",\"lists\":%d,\"train_examples_per_second\":%s,\"metrics\":%s}",
          protocol, name, p.label(), r.lists(), Double.isNaN(exs) ? "null" : String.format(Locale.ROOT, "%.1f", exs), r.toJson()));
      System.out.println(json);
      System.out.flush();
    }
  }

  static void emit(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("{");
    m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
        .append(v instanceof String ? "\"" + v + "\"" : String.format(Locale.ROOT, "%s", v)));
    System.out.println(sb.append('}'));
  }

  static InteractionLog concat(InteractionLog a, InteractionLog b) {
    InteractionLog.Builder out = new InteractionLog.Builder(a.kind());
    for (InteractionLog log : new InteractionLog[] {a, b}) {
      for (int r = 0; r < log.size(); r++) {
        out.add(log.user(r), log.item(r), log.time(r), log.value(r));
      }
    }
    return out.build();
  }
}
