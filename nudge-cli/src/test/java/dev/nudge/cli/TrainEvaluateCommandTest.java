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
    assertThat(split.err()).contains("loo or random");
  }
}
