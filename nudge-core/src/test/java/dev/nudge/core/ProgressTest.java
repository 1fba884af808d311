package dev.nudge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void aBarWritesTheTaskAndTheCountToItsStream() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress bar = Progress.bar("loading", 10, "rows", stream)) {
      bar.step(4);
      bar.step(6);
      bar.message("done");
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("loading").contains("10/10");
  }
}
