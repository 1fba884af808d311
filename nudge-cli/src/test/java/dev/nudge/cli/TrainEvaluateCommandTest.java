package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvaluateCommandTest {
  @TempDir static Path root;
  private static Path data;
  private static Path model;
  private static String trainOut;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** A small MovieLens-100K-shaped folder: 40 users, 30 items in 3 taste groups. */
  @BeforeAll
  static void trainOnce() throws IOException {
    data = Files.createDirectories(root.resolve("ml"));
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      StringBuilder flags = new StringBuilder();
      for (int g = 0; g < 19; g++) {
        flags.append('|').append(g == 1 + i % 3 ? 1 : 0);
      }
      items
          .append(i)
          .append("|Movie ")
          .append(i)
          .append(" (1995)|01-Jan-1995||http://x")
          .append(flags)
          .append('\n');
    }
    Files.writeString(data.resolve("u.item"), items, StandardCharsets.ISO_8859_1);
    StringBuilder users = new StringBuilder();
    StringBuilder ratings = new StringBuilder();
    for (int u = 1; u <= 40; u++) {
      users.append(u).append('|').append(20 + u).append("|M|other|0000").append(u).append('\n');
      for (int k = 0; k < 10; k++) {
        int item = 1 + (u % 3) + 3 * ((u * 7 + k) % 10);
        ratings
            .append(u)
            .append('\t')
            .append(item)
            .append('\t')
            .append(k % 4 == 3 ? 2 : 5)
            .append('\t')
            .append(880000000 + 1000 * k + u)
            .append('\n');
      }
    }
    Files.writeString(data.resolve("u.user"), users);
    Files.writeString(data.resolve("u.data"), ratings);
    Path config = root.resolve("nudge.yaml");
    Files.writeString(
        config,
        """
        train:
          outputDim: 8
          user:
            inputs: [{kind: id, dim: 8}, {kind: history, dim: 8, length: 5}, {kind: categorical, feature: occupation, dim: 4}]
            hidden: [16]
          item:
            inputs: [{kind: id, dim: 8}, {kind: text, feature: topics, dim: 4, buckets: 32, length: 3}]
            hidden: [16]
          training: {batchSize: 32, epochs: 3, patience: 2, learningRate: 0.01}
        """);
    model = root.resolve("model");
    Run r =
        run(
            "train",
            "--data",
            data.toString(),
            "--format",
            "ml-100k",
            "--config",
            config.toString(),
            "--out",
            model.toString(),
            "--quiet",
            "--seed",
            "4");
    assertThat(r.code()).as(r.err()).isZero();
    trainOut = r.out();
  }

  @Test
  void trainReportsTestMetricsAndWritesAModelDirectory() {
    assertThat(trainOut).contains("trained ").contains("ndcg@10").contains("saved");
    assertThat(model.resolve("manifest.yaml")).exists();
    assertThat(model.resolve("item-embeddings.f32")).exists();
  }

  @Test
  void evaluateJsonIsOneObjectKeyedByMetricName() throws IOException {
    for (String protocol : new String[] {"full", "sampled100"}) {
      Run r =
          run(
              "evaluate",
              "--model",
              model.toString(),
              "--data",
              data.toString(),
              "--format",
              "ml-100k",
              "--protocol",
              protocol,
              "--json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertThat(json.isObject()).isTrue();
      double ndcg = json.get("ndcg@10").asDouble();
      assertThat(ndcg).isBetween(0.0, 1.0);
      assertThat(json.get("hr@10").asDouble()).isGreaterThanOrEqualTo(ndcg);
      assertThat(json.has("auc")).isTrue();
      assertThat(json.has("coverage@10")).isEqualTo(protocol.equals("full"));
    }
  }

  @Test
  void evaluateFullMatchesTheMetricsSavedAtTraining() throws IOException {
    Run r =
        run(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--protocol",
            "full",
            "--json");
    JsonNode json = new ObjectMapper().readTree(r.out());
    String manifest = Files.readString(model.resolve("manifest.yaml"));
    assertThat(manifest).contains("ndcg@10: " + json.get("ndcg@10").asDouble());
  }

  private static Run evaluate(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "evaluate", "--model", model.toString(), "--data", data.toString(), "--seed", "3"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void baselinesAreScoredInTheSameHarnessBesideTheModel() throws IOException {
    Run plain = evaluate("--json");
    Run both = evaluate("--json", "--baseline", "popularity,bpr");
    assertThat(both.code()).as(both.err()).isZero();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode json = mapper.readTree(both.out());
    assertThat(json.fieldNames()).toIterable().containsExactly("two-tower", "popularity", "bpr");
    // The model's object is exactly what evaluate prints without baselines.
    assertThat(json.get("two-tower")).isEqualTo(mapper.readTree(plain.out()));
    for (String name : List.of("popularity", "bpr")) {
      JsonNode m = json.get(name);
      assertThat(m.fieldNames())
          .toIterable()
          .containsExactlyElementsOf(() -> json.get("two-tower").fieldNames());
      assertThat(m.get("ndcg@10").asDouble()).isBetween(0.0, 1.0);
      assertThat(m.get("hr@10").asDouble()).isGreaterThanOrEqualTo(m.get("ndcg@10").asDouble());
    }
    // Popularity shows every user nearly the same list; BPR personalises.
    assertThat(json.get("popularity").get("coverage@5").asDouble())
        .isLessThan(json.get("bpr").get("coverage@5").asDouble());
    // A baseline alone gives the same numbers as beside another one (each is fitted the same way).
    JsonNode popularityOnly = mapper.readTree(evaluate("--json", "--baseline", "popularity").out());
    assertThat(popularityOnly.get("popularity")).isEqualTo(json.get("popularity"));
  }

  @Test
  void baselineTableHasAColumnPerModelAndNoneChangesNothing() {
    Run table = evaluate("--baseline", "bpr,popularity");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out().lines().toList().get(1).trim().split(" +"))
        .containsExactly("metric", "two-tower", "bpr", "popularity");
    assertThat(table.out())
        .containsPattern("(?m)^  ndcg@10 +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d\\.\\d{4}$");
    assertThat(evaluate("--baseline", "none").out()).isEqualTo(evaluate().out());
    Run bad = evaluate("--baseline", "popularity,knn");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("baseline").contains("'knn'").contains("popularity or bpr");
  }

  @Test
  void trainAndEvaluateOnRecBolesPerUserRandomSplit() throws IOException {
    Path userRandom = root.resolve("user-random");
    Run train =
        run(
            "train",
            "--data",
            data.toString(),
            "--format",
            "ml-100k",
            "--out",
            userRandom.toString(),
            "--config",
            root.resolve("nudge.yaml").toString(),
            "--split",
            "user-random",
            "--epochs",
            "1",
            "--quiet");
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(Files.readString(userRandom.resolve("manifest.yaml")))
        .contains("user-random-80-10-10");
    Run eval =
        run("evaluate", "--model", userRandom.toString(), "--data", data.toString(), "--json");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(new ObjectMapper().readTree(eval.out()).get("hr@10").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void badInputFailsWithAMessageAndExitCode2() {
    Run protocol =
        run(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--protocol",
            "loo");
    assertThat(protocol.code()).isEqualTo(2);
    assertThat(protocol.err()).contains("protocol").contains("sampled100");
    Run notModel = run("evaluate", "--model", data.toString(), "--data", data.toString());
    assertThat(notModel.code()).isEqualTo(2);
    assertThat(notModel.err()).contains("manifest.yaml is missing");
    Run split =
        run(
            "train",
            "--data",
            data.toString(),
            "--out",
            root.resolve("x").toString(),
            "--split",
            "kfold",
            "--quiet");
    assertThat(split.code()).isEqualTo(2);
    assertThat(split.err()).contains("loo, random or user-random");
  }
}
