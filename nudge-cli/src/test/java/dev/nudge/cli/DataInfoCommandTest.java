package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataInfoCommandTest {

  private static final Path DATA = Path.of(System.getProperty("nudge.data.dir", "../shared/data"));

  /** Exit code, standard output and standard error of one CLI run. */
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsTheCountsOfMovieLens100k() {
    Run r = run("data", "info", DATA.resolve("ml-100k").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("data set      ml-100k")
        .contains("users         943\n")
        .contains("items         1,682\n")
        .contains("interactions  100,000 ratings")
        .contains("density       6.3047% (100,000 distinct user-item pairs)")
        .contains("time span     1997-09-20T03:05:10Z .. 1998-04-22T23:10:38Z")
        .contains("topics        19")
        .containsPattern("gini          0\\.\\d{4} \\(item popularity skew\\)")
        .containsPattern("\\n\\s+4\\s+34,174\\s+34\\.2% #+\\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonOutputHasTheSameNumbers() throws Exception {
    Run r =
        run("data", "info", "--json", "--format", "ml-100k", DATA.resolve("ml-100k").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("users").asInt()).isEqualTo(943);
    assertThat(j.get("items").asInt()).isEqualTo(1682);
    assertThat(j.get("interactions").asInt()).isEqualTo(100_000);
    assertThat(j.get("valueKind").asText()).isEqualTo("rating");
    assertThat(j.get("density").asDouble()).isEqualTo(100_000.0 / (943 * 1682));
    assertThat(j.get("firstTime").asText()).isEqualTo("1997-09-20T03:05:10Z");
    long total = 0;
    for (JsonNode bin : j.get("histogram")) {
      total += bin.get("count").asLong();
    }
    assertThat(total).isEqualTo(100_000);
    assertThat(j.get("histogram")).hasSize(5);
    assertThat(j.get("gini").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void openBanditLabelsAreCounted() {
    Run r = run("data", "info", DATA.resolve("obd-sample/bts/men").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("interactions  10,000 labels")
        .containsPattern("\\n\\s+1\\s+69\\s+0\\.7%");
  }

  @Test
  void badInputExitsWithTwoAndAClearMessage() {
    Run missing = run("data", "info", "no/such/folder");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: no/such/folder: no such folder\n");

    Run ml1m = run("data", "info", DATA.resolve("ml-1m").toString());
    assertThat(ml1m.code()).isEqualTo(2);
    assertThat(ml1m.err())
        .startsWith("error: " + DATA.resolve("ml-1m/ratings.dat") + ": file not found");

    Run format = run("data", "info", "--format", "nope", DATA.resolve("ml-100k").toString());
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("'format': unknown format 'nope'");

    Run nothing = run("data", "info", DATA.resolve("mushroom").toString());
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err()).contains("no known data set format found; looked for ml-100k");
  }

  @Test
  void helpIsAvailableAtEveryLevel() {
    Run data = run("data");
    assertThat(data.code()).isZero();
    assertThat(data.out()).contains("info");
    Run help = run("data", "info", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--format").contains("--json").contains("<path>");
  }
}
