// Two-tower benchmark driver (single-file Java program, public Nudge API only).
// Run through run.sh, which builds Nudge and passes the class path. Prints one JSON object per
// line on stdout; run.sh collects them into bench/results/two-tower-<date>.json and .md.
//
//   java -cp <cp> TwoTowerBench.java synthetic <interactions> <batch>
//   java -cp <cp> TwoTowerBench.java ml100k <data-dir> <epochs>
//   java -cp <cp> TwoTowerBench.java recbole <data-dir> <max epochs> <config.yaml>
//   java -cp <cp> TwoTowerBench.java recbole-grid <data-dir> <config.yaml>...   (two-tower only:
//       the validation curve and test metrics of each config, for choosing on validation)
//   java -cp <cp> TwoTowerBench.java recbole-seeds <data-dir> <first> <count> <config.yaml>...
//       (BPR-MF and each two-tower on several RecBole splits: validation and test per split seed)
//   java -cp <cp> TwoTowerBench.java cold <data-dir> <epochs>

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
import dev.nudge.data.split.UserRandomSplitter;
import dev.nudge.eval.metrics.EvaluationConfig;
import dev.nudge.eval.metrics.ItemScorer;
import dev.nudge.eval.metrics.MetricReport;
import dev.nudge.eval.metrics.Protocol;
import dev.nudge.eval.metrics.RankingEvaluator;
import dev.nudge.model.baseline.BprConfig;
import dev.nudge.model.baseline.BprRecommender;
import dev.nudge.model.baseline.PopularityRecommender;
import dev.nudge.model.twotower.ColdUser;
import dev.nudge.model.twotower.InputGroup;
import dev.nudge.model.twotower.TowerConfig;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.model.twotower.TwoTowerTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class TwoTowerBench {
  static final long SEED = 20261123L;

  public static void main(String[] args) {
    switch (args[0]) {
      case "synthetic" -> synthetic(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "ml100k" -> ml100k(Path.of(args[1]), Integer.parseInt(args[2]));
      case "recbole" -> recbole(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      case "recbole-grid" -> recboleGrid(Path.of(args[1]), java.util.Arrays.copyOfRange(args, 2, args.length));
      case "recbole-seeds" -> recboleSeeds(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          java.util.Arrays.copyOfRange(args, 4, args.length));
      case "cold" -> cold(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("mode must be synthetic, ml100k, recbole or cold");
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
    report("loo", "bpr-mf", looTest, bpr("loo", trainPos, users, items, looVal), Double.NaN);
    twoTower("loo", "two-tower (shared towers)", d, loo.train(), looVal, looTest,
        shared(256, epochs, 0.002, 4.0));
    twoTower("loo", "two-tower (with features)", d, loo.train(), looVal, looTest,
        featured(256, epochs, 0.002, 4.0));
  }

  /**
   * RecBole's default protocol for general recommenders on ML-100K: every rating an implicit
   * positive, each user's rows shuffled and cut 80/10/10 (RecBole's rounding), full ranking of all
   * items but the user's training and validation items, metrics averaged over users with a test
   * item, early stopping on validation NDCG@10.
   */
  static void recbole(Path dir, int maxEpochs, Path configFile) {
    Dataset d = DatasetFormats.load(dir, "ml-100k");
    int users = d.users().size();
    int items = d.items().size();
    Split rs = new UserRandomSplitter(Fractions.DEFAULT, SEED).split(d.interactions());
    InteractionLog rsSeen = concat(rs.train(), rs.validation());
    RankingEvaluator rsTest = new RankingEvaluator(users, items, rsSeen, rs.test());
    RankingEvaluator rsVal = new RankingEvaluator(users, items, rs.train(), rs.validation());
    report("recbole-rs", "popularity", rsTest, PopularityRecommender.fit(rs.train(), items)::score, Double.NaN);
    EvaluationConfig full = EvaluationConfig.of(Protocol.FULL, SEED);
    ItemScorer bpr = bpr("recbole-rs", rs.train(), users, items, rsVal);
    report("recbole-rs", "bpr-mf", rsTest, bpr, Double.NaN);
    seedLine(SEED, "bpr-mf", rsVal.evaluate(bpr, full), rsTest.evaluate(bpr, full), Double.NaN);
    TwoTowerConfig config = trainSection(configFile);
    config = config.withTraining(config.training().withEpochs(maxEpochs).withPositiveThreshold(0));
    String name = "two-tower (" + configFile.getFileName() + ")";
    var r = twoTower("recbole-rs", name, d, rs.train(), rsVal, rsTest, config);
    ItemScorer tt = r.model()::score;
    seedLine(SEED, name, rsVal.evaluate(tt, full), rsTest.evaluate(tt, full), r.report().examplesPerSecond());
  }

  /** Only the two-tower, once per config file: validation curve and test metrics of each. */
  static void recboleGrid(Path dir, String[] configFiles) {
    Dataset d = DatasetFormats.load(dir, "ml-100k");
    int users = d.users().size();
    int items = d.items().size();
    Split rs = new UserRandomSplitter(Fractions.DEFAULT, SEED).split(d.interactions());
    RankingEvaluator rsTest = new RankingEvaluator(users, items, concat(rs.train(), rs.validation()), rs.test());
    RankingEvaluator rsVal = new RankingEvaluator(users, items, rs.train(), rs.validation());
    for (String f : configFiles) {
      TwoTowerConfig config = trainSection(Path.of(f));
      config = config.withTraining(config.training().withPositiveThreshold(0));
      twoTower("recbole-grid", "two-tower (" + Path.of(f).getFileName() + ")", d, rs.train(), rsVal, rsTest, config);
    }
  }

  /**
   * BPR-MF and each two-tower config on {@code count} RecBole splits (split seeds SEED + first,
   * SEED + first + 1, ...; training seeds as configured): one line per split and model with
   * validation and test NDCG@10 / HR@10 of the early-stopped model, so that models are compared by
   * a mean over splits. The recbole mode writes the same lines for split seed SEED.
   */
  static void recboleSeeds(Path dir, int first, int count, String[] configFiles) {
    Dataset d = DatasetFormats.load(dir, "ml-100k");
    int users = d.users().size();
    int items = d.items().size();
    EvaluationConfig full = EvaluationConfig.of(Protocol.FULL, SEED);
    for (int k = first; k < first + count; k++) {
      long splitSeed = SEED + k;
      Split rs = new UserRandomSplitter(Fractions.DEFAULT, splitSeed).split(d.interactions());
      RankingEvaluator test = new RankingEvaluator(users, items, concat(rs.train(), rs.validation()), rs.test());
      RankingEvaluator val = new RankingEvaluator(users, items, rs.train(), rs.validation());
      ItemScorer bpr = bpr("recbole-seeds " + splitSeed, rs.train(), users, items, val);
      seedLine(splitSeed, "bpr-mf", val.evaluate(bpr, full), test.evaluate(bpr, full), Double.NaN);
      for (String f : configFiles) {
        TwoTowerConfig config = trainSection(Path.of(f));
        config = config.withTraining(config.training().withPositiveThreshold(0));
        var r = TwoTowerTrainer.train(d.withInteractions(rs.train()), rs.train(), config,
            m -> val.evaluate(m::score, full).get("ndcg@10"), Progress.silent());
        System.err.printf(Locale.ROOT, "recbole-seeds %d %s: epochs %d best %d (%.1f s) val %s%n", splitSeed, f,
            r.report().epochs(), r.report().bestEpoch(), r.report().trainSeconds(), r.report().validation());
        ItemScorer tt = r.model()::score;
        seedLine(splitSeed, "two-tower (" + Path.of(f).getFileName() + ")", val.evaluate(tt, full),
            test.evaluate(tt, full), r.report().examplesPerSecond());
      }
    }
  }

  static void seedLine(long splitSeed, String model, MetricReport val, MetricReport test, double exs) {
    System.out.println(String.format(Locale.ROOT,
        "{\"split\":\"recbole-seeds\",\"split_seed\":%d,\"model\":\"%s\",\"val_ndcg@10\":%.6f,\"val_hr@10\":%.6f,"
            + "\"test_ndcg@10\":%.6f,\"test_hr@10\":%.6f,\"train_examples_per_second\":%s}",
        splitSeed, model, val.get("ndcg@10"), val.get("hr@10"), test.get("ndcg@10"), test.get("hr@10"),
        Double.isNaN(exs) ? "null" : String.format(Locale.ROOT, "%.1f", exs)));
    System.out.flush();
  }

  /** The 'train:' section of a Nudge config file, as `nudge train --config` reads it. */
  static TwoTowerConfig trainSection(Path file) {
    var root = dev.nudge.core.config.Configs.readSections(file, java.util.Set.of("train"));
    return dev.nudge.core.config.Configs.section(root, "train", TwoTowerConfig.class, file);
  }

  /** BPR-MF with early stopping on validation NDCG@10 (64 factors, L2 chosen on validation). */
  static ItemScorer bpr(String split, InteractionLog train, int users, int items, RankingEvaluator val) {
    EvaluationConfig full = EvaluationConfig.of(Protocol.FULL, SEED);
    int[] epochs = {0};
    long t0 = System.nanoTime();
    BprRecommender m =
        BprRecommender.fit(
            train, users, items, BprConfig.earlyStopped(SEED),
            r -> { epochs[0]++; return val.evaluate(r::score, full).get("ndcg@10"); },
            BprConfig.PATIENCE, Progress.silent());
    System.err.printf(Locale.ROOT, "%s bpr-mf: %d epochs, %.1f s%n", split, epochs[0], (System.nanoTime() - t0) / 1e9);
    return m::score;
  }

  /**
   * Cold users on ML-100K: every 10th user is held out of training; each is then encoded from raw
   * features (occupation, gender, age) and the first half of their positives (time order), and
   * ranked against the second half among all items not in that first half.
   */
  static void cold(Path dir, int epochs) {
    Dataset d = DatasetFormats.load(dir, "ml-100k");
    InteractionLog all = d.interactions();
    int[] keep = java.util.stream.IntStream.range(0, all.size()).filter(r -> all.user(r) % 10 != 0).toArray();
    InteractionLog train = all.select(keep);
    TwoTowerConfig config = featured(256, epochs, 0.002, 4.0);
    long t0 = System.nanoTime();
    TwoTowerModel model =
        TwoTowerTrainer.train(d.withInteractions(train), train, config, null, Progress.silent()).model();
    System.err.printf(Locale.ROOT, "cold: trained %d epochs in %.1f s%n", epochs, (System.nanoTime() - t0) / 1e9);
    int users = d.users().size();
    int items = d.items().size();
    // Known ("seen") rows: the held-out users' first halves; test rows: their second halves.
    InteractionLog.Builder seen = new InteractionLog.Builder(all.kind());
    InteractionLog.Builder test = new InteractionLog.Builder(all.kind());
    List<List<String>> histories = new ArrayList<>();
    List<Map<String, String>> features = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      histories.add(List.of());
      features.add(Map.of());
    }
    for (int u = 0; u < users; u += 10) {
      List<Integer> rows = new ArrayList<>();
      for (int r : all.timeOrder()) {
        if (all.user(r) == u && all.value(r) >= 4f) {
          rows.add(r);
        }
      }
      List<String> history = new ArrayList<>();
      for (int k = 0; k < rows.size(); k++) {
        int r = rows.get(k);
        if (k < rows.size() / 2) {
          seen.add(u, all.item(r), all.time(r), all.value(r));
          history.add(d.items().ids().id(all.item(r)));
        } else {
          test.add(u, all.item(r), all.time(r), all.value(r));
        }
      }
      histories.set(u, history);
      Map<String, String> raw = new HashMap<>();
      var f = d.users().features();
      raw.put("occupation", f.column("occupation", dev.nudge.data.FeatureTable.CategoricalColumn.class).value(u));
      raw.put("gender", f.column("gender", dev.nudge.data.FeatureTable.CategoricalColumn.class).value(u));
      raw.put("age", Float.toString(f.column("age", dev.nudge.data.FeatureTable.NumericColumn.class).value(u)));
      features.set(u, raw);
    }
    RankingEvaluator e = new RankingEvaluator(users, items, seen.build(), test.build());
    report("cold", "popularity", e, PopularityRecommender.fit(train, items)::score, Double.NaN);
    report("cold", "two-tower, features + history", e,
        (u, out) -> model.score(new ColdUser(features.get(u), histories.get(u)), out), Double.NaN);
    report("cold", "two-tower, features only", e,
        (u, out) -> model.score(new ColdUser(features.get(u), List.of()), out), Double.NaN);
    report("cold", "two-tower, history only", e,
        (u, out) -> model.score(new ColdUser(Map.of(), histories.get(u)), out), Double.NaN);
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

  static TwoTowerTrainer.Result twoTower(
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
    System.err.printf(Locale.ROOT, "%s %s: epochs %d best %d (%.1f s) val %s%n", protocol, name,
        r.report().epochs(), r.report().bestEpoch(), r.report().trainSeconds(), r.report().validation());
    report(protocol, name, test, r.model()::score, r.report().examplesPerSecond());
    return r;
  }

  static void report(String protocol, String name, RankingEvaluator e, ItemScorer s, double exs) {
    for (Protocol p : Protocol.values()) {
      if ((protocol.startsWith("recbole") || protocol.equals("cold")) && p == Protocol.SAMPLED_100) {
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
