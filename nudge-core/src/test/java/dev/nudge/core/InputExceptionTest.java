package dev.nudge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputExceptionTest {
  private final Path file = Path.of("data", "u.data");

  @Test
  void aLineProblemNamesFileAndLine() {
    InputException e = InputException.atLine(file, 17, "expected 4 fields, got 3");
    assertThat(e).hasMessage(file + ":17: expected 4 fields, got 3");
    assertThat(e.source()).contains(file.toString());
    assertThat(e.line()).isEqualTo(17);
    assertThat(e.field()).isEmpty();
    assertThat(e.getCause()).isNull();
  }

  @Test
  void keepsTheCause() {
    IOException cause = new IOException("disk");
    assertThat(InputException.atLine(file, 2, "bad", cause)).hasCause(cause);
    assertThat(InputException.inFile(file, "unreadable", cause))
        .hasCause(cause)
        .hasMessage(file + ": unreadable");
  }

  @Test
  void aFileProblemHasNoLine() {
    InputException e = InputException.inFile(file, "file is empty");
    assertThat(e).hasMessage(file + ": file is empty");
    assertThat(e.line()).isZero();
  }

  @Test
  void aFieldProblemQuotesTheField() {
    InputException e = InputException.forField("world.noise", "must be in [0, 1], got 2.0");
    assertThat(e).hasMessage("'world.noise': must be in [0, 1], got 2.0");
    assertThat(e.field()).contains("world.noise");
    assertThat(e.source()).isEmpty();
  }

  @Test
  void aFieldInAFileNamesAllThree() {
    Path config = Path.of("nudge.yaml");
    assertThat(InputException.forField(config, 4, "world.users", "unknown key"))
        .hasMessage("nudge.yaml:4 'world.users': unknown key");
    assertThat(InputException.forField(config, 0, "world", "unknown section"))
        .hasMessage("nudge.yaml 'world': unknown section");
    assertThat(InputException.forField(null, 0, "x", "bad")).hasMessage("'x': bad");
  }

  @Test
  void isUnchecked() {
    assertThat(InputException.forField("x", "bad")).isInstanceOf(RuntimeException.class);
  }
}
