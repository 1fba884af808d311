package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.candidates.Candidate;
import dev.nudge.candidates.CandidateQuery;
import dev.nudge.core.Progress;
import dev.nudge.data.Dataset;
import dev.nudge.data.load.DatasetFormats;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.ranking.FunnelAssembly;
import dev.nudge.ranking.TwoTowerEmbeddings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nudge recommend --model}: a two-tower model trained in the test feeds the ANN source. */
class RecommendModelCommandTest {
  @TempDir static Path root;
  private static Path data;
  private static Path model;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Writes a MovieLens-100K-shaped folder: {@code users} users, {@code items} items in 3 taste
   * groups (a user of group g rates items of group g highly).
   */
  private static Path writeData(Path dir, int users, int items) throws IOException {
    Files.createDirectories(dir);
    StringBuilder it = new StringBuilder();
    for (int i = 1; i <= items; i++) {
      StringBuilder flags = new StringBuilder();
      for (int g = 0; g < 19; g++) {
        flags.append('|').append(g == 1 + i % 3 ? 1 : 0);
      }
      it.append(i).append("|Movie ").append(i).append(" (1995)|01-Jan-1995||http://x");
      it.append(flags).append('\n');
    }
    Files.writeString(dir.resolve("u.item"), it, StandardCharsets.ISO_8859_1);
    StringBuilder us = new StringBuilder();
    StringBuilder ratings = new StringBuilder();
    String[] jobs = {"writer", "engineer", "artist"};
    for (int u = 1; u <= users; u++) {
      us.append(u).append('|').append(20 + u).append(u % 2 == 0 ? "|M|" : "|F|");
      us.append(jobs[u % 3]).append("|0000").append(u).append('\n');
      for (int k = 0; k < 10; k++) {
        int item = 1 + (u % 3) + 3 * ((u * 7 + k) % (items / 3));
        ratings.append(u).append('\t').append(item).append('\t').append(k % 4 == 3 ? 2 : 5);
        ratings.append('\t').append(880000000 + 1000 * k + u).append('\n');
      }
    }
    Files.writeString(dir.resolve("u.user"), us);
    Files.writeString(dir.resolve("u.data"), ratings);
    return dir;
  }

  @BeforeAll
  static void trainOnce() throws IOException {
    data = writeData(root.resolve("ml"), 40, 30);
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
            inputs: [{kind: id, dim: 8}]
            hidden: [16]
          training: {batchSize: 32, epochs: 2, patience: 2, learningRate: 0.01}
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
  }

  private static JsonNode recommend(String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "recommend",
                "--data",
                data.toString(),
                "--format",
                "ml-100k",
                "--model",
                model.toString(),
                "--slate",
                "10",
                "--explore",
                "0",
                "--json"));
    args.addAll(List.of(extra));
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void aKnownUserIsServedWithTheModelsEmbedding() throws IOException {
    JsonNode json = recommend("--user", "7", "--dropped");
    assertThat(json.get("knownUser").asBoolean()).isTrue();
    assertThat(json.get("userEmbedding").asText()).isEqualTo("model");
    assertThat(json.get("model").asText()).isEqualTo(model.toString());
    assertThat(json.get("slate")).hasSize(10);
    Set<String> proposers = new HashSet<>(sources(json));
    json.get("dropped").forEach(e -> proposers.add(e.get("source").asText()));
    assertThat(proposers).as("the model's vectors retrieve candidates").contains("ann");
  }

  @Test
  void theAnnSourceRetrievesTheModelsTopUnseenItemsForAKnownUser() {
    // The funnel the command builds, checked against the model scored directly.
    Dataset d = DatasetFormats.load(data, "ml-100k");
    TwoTowerModel m = TwoTowerFiles.load(model);
    TwoTowerEmbeddings towers = TwoTowerEmbeddings.of(m, d, model);
    FunnelAssembly funnel =
        FunnelAssembly.build(
            d,
            new FunnelAssembly.Options(
                "logistic", towers.itemVectors(), 32, null, 0, 5, 1, towers.encoder()),
            InstantSource.system(),
            Progress.silent());
    for (String id : List.of("1", "7", "40")) {
      int user = d.users().ids().indexOf(id);
      int[] history = funnel.graph().history(user);
      int[] modelHistory = new int[history.length];
      Set<Integer> seen = new HashSet<>();
      for (int k = 0; k < history.length; k++) {
        modelHistory[k] = m.itemKey(d.items().ids().id(history[k]));
        seen.add(history[k]);
      }
      float[] u = m.userEmbedding(m.userKey(id), modelHistory);
      assertThat(towers.encoder().encode(user, history))
          .containsExactly(u, org.assertj.core.data.Offset.offset(1e-6f));
      List<Integer> best =
          IntStream.range(0, d.items().size())
              .boxed()
              .filter(i -> !seen.contains(i))
              .sorted(
                  (a, b) ->
                      Float.compare(
                          dot(u, m.itemEmbedding(m.itemKey(d.items().ids().id(b)))),
                          dot(u, m.itemEmbedding(m.itemKey(d.items().ids().id(a))))))
              .limit(5)
              .toList();
      List<Candidate> got =
          funnel.sources().get("ann").retrieve(new CandidateQuery(user, history, -1, u), 5);
      assertThat(got.stream().map(Candidate::item).toList()).as("user " + id).isEqualTo(best);
      for (Candidate c : got) {
        assertThat(c.score())
            .isCloseTo(
                dot(u, m.itemEmbedding(m.itemKey(d.items().ids().id(c.item())))),
                org.assertj.core.data.Offset.offset(1e-4));
      }
    }
  }

  @Test
  void aNewUserWithFeaturesGoesThroughTheColdPathAndWithoutThroughSegmentPopularity()
      throws IOException {
    JsonNode cold = recommend("--user", "new-1", "--feature", "occupation=writer");
    assertThat(cold.get("knownUser").asBoolean()).isFalse();
    assertThat(cold.get("userEmbedding").asText()).isEqualTo("cold");
    assertThat(sources(cold)).as("the cold embedding retrieves through ANN").contains("ann");
    assertThat(cold.get("slate")).hasSize(10);

    JsonNode none = recommend("--user", "new-2", "--segment", "-1");
    assertThat(none.get("userEmbedding").asText()).isEqualTo("none");
    assertThat(sources(none)).doesNotContain("ann");
    assertThat(none.get("slate")).hasSize(10);
  }

  @Test
  void aDataSetUserTheModelNeverSawIsEncodedFromFeaturesAndHistory() throws IOException {
    // The same catalogue with one user more than the model was trained on.
    Path grown = writeData(root.resolve("ml-41"), 41, 30);
    Run r =
        run(
            "recommend",
            "--data",
            grown.toString(),
            "--format",
            "ml-100k",
            "--model",
            model.toString(),
            "--user",
            "41",
            "--explore",
            "0",
            "--dropped",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("knownUser").asBoolean()).isTrue();
    assertThat(json.get("userEmbedding").asText()).isEqualTo("cold");
    Set<String> proposers = new HashSet<>(sources(json));
    json.get("dropped").forEach(e -> proposers.add(e.get("source").asText()));
    assertThat(proposers).contains("ann");
    // The table form names the model and the path too.
    Run table =
        run(
            "recommend",
            "--data",
            grown.toString(),
            "--format",
            "ml-100k",
            "--model",
            model.toString(),
            "--user",
            "41");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).contains("two-tower model " + model + ": user embedding cold");
  }

  private static List<String> sources(JsonNode json) {
    List<String> out = new ArrayList<>();
    json.get("slate").forEach(e -> out.add(e.get("source").asText()));
    return out;
  }

  @Test
  void aModelTrainedOnOtherItemsIsRejectedNamingItsItemFile() throws IOException {
    Path other = writeData(root.resolve("ml-33"), 40, 33);
    Run r =
        run(
            "recommend",
            "--data",
            other.toString(),
            "--format",
            "ml-100k",
            "--model",
            model.toString(),
            "--user",
            "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(model.resolve("items.txt").toString())
        .contains("3 data-set items have no vector [31, 32, 33]")
        .contains("0 model items are not in the data set");
  }

  @Test
  void badModelAndFeatureOptionsAreInputErrors() throws IOException {
    Path empty = Files.createDirectories(root.resolve("not-a-model"));
    Run r =
        run(
            "recommend",
            "--data",
            data.toString(),
            "--format",
            "ml-100k",
            "--model",
            empty.toString(),
            "--user",
            "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a model directory").contains(empty.toString());

    Run noModel =
        run(
            "recommend",
            "--data",
            data.toString(),
            "--format",
            "ml-100k",
            "--user",
            "x",
            "--feature",
            "occupation=writer");
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err()).contains("'--feature'").contains("needs --model");

    Run known =
        run(
            "recommend",
            "--data",
            data.toString(),
            "--format",
            "ml-100k",
            "--model",
            model.toString(),
            "--user",
            "1",
            "--feature",
            "occupation=writer");
    assertThat(known.code()).isEqualTo(2);
    assertThat(known.err()).contains("'--feature'").contains("outside the data set");

    Run malformed =
        run(
            "recommend",
            "--data",
            data.toString(),
            "--format",
            "ml-100k",
            "--model",
            model.toString(),
            "--user",
            "new",
            "--feature",
            "occupation");
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains("--feature");
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
