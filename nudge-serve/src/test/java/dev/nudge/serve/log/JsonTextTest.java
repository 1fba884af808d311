package dev.nudge.serve.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written answers parse to exactly what Jackson's tree wrote before. */
class JsonTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void stringsEscapeWhatJsonRequiresAndRoundTrip() throws Exception {
    String nasty = "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj/é☃😀";
    StringBuilder out = new StringBuilder();
    JsonText.string(out, nasty);
    assertThat(JSON.readTree(out.toString()).textValue()).isEqualTo(nasty);
    assertThat(out.toString()).isEqualTo(JSON.writeValueAsString(nasty));
    assertThat(JsonText.strings(List.of("n1", "x\"y", ""))).isEqualTo("[\"n1\",\"x\\\"y\",\"\"]");
  }

  @Test
  void numbersAreWrittenAsJacksonWritesThemAndNonFiniteIsRejected() throws Exception {
    for (double v : new double[] {0.92, 1.0, 1e-7, -3.5e300, 0.1 + 0.2, 0.0}) {
      StringBuilder out = new StringBuilder();
      JsonText.number(out, v);
      assertThat(out.toString()).isEqualTo(JSON.writeValueAsString(v));
    }
    assertThatThrownBy(() -> JsonText.number(new StringBuilder(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slatesAndNumberArraysAreWhatJacksonWrites() throws Exception {
    java.util.List<SlotRecord> slate =
        List.of(new SlotRecord("b", 1, 0.92, 0.7, false), new SlotRecord("a", 0, 0.05, null, true));
    assertThat(JsonText.slate(slate)).isEqualTo(JSON.writeValueAsString(slate));
    double[] v = {0.5, -1, 0, 1e-9};
    assertThat(JsonText.numbers(v)).isEqualTo(JSON.writeValueAsString(v));
    assertThat(JsonText.numbers(new double[0])).isEqualTo("[]");
  }

  @Test
  void armsAndFloatArraysAreWhatJacksonWrites() throws Exception {
    ArmRecord arm =
        new ArmRecord("n\"1", 3, new float[] {0.1f, -2.5e-8f, 1f}, new double[] {1, 0.5}, 2);
    assertThat(JsonText.arm(arm)).isEqualTo(JSON.writeValueAsString(arm));
    ArmRecord bare = new ArmRecord("a", 0, null, null, -1);
    assertThat(JsonText.arm(bare)).isEqualTo(JSON.writeValueAsString(bare));
    float[] v = {0.25f, 1e-7f, -3f};
    assertThat(JsonText.floats(v)).isEqualTo(JSON.writeValueAsString(v));
    assertThat(JSON.readValue(JsonText.floats(v), float[].class)).containsExactly(v);
  }
}
