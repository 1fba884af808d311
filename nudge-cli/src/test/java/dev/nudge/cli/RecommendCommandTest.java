package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RecommendCommandTest {
  static final Path ML100K = Path.of(System.getProperty("nudge.data.dir"), "ml-100k");

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsASlateWithProvenanceForAKnownUser() {
    Run r =
        run(
            "recommend",
            "--data",
            ML100K.toString(),
            "--user",
            "1",
            "--slate",
            "5",
            "--json",
            "--dropped");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"knownUser\":true")
        .contains("\"source\"")
        .contains("\"explored\":true")
        .contains("\"dropped\"")
        .contains("\"reason\"");
    // Five slots, positions 0..4.
    assertThat(r.out()).contains("\"position\":4").doesNotContain("\"position\":5");
  }

  @Test
  void rejectsBadOptions() {
    Run r = run("recommend", "--data", ML100K.toString(), "--user", "1", "--ranker", "gbdt");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--ranker'").contains("gbdt");
    Run s = run("recommend", "--data", ML100K.toString(), "--user", "1", "--slate", "0");
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err()).contains("'--slate'");
  }
}
