package dev.nudge.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The splitting, number and time parsing every loader relies on. */
class FieldsTest {

  @TempDir Path tmp;

  /** A reader positioned on line 1 of a one-line file, so errors have a place to point at. */
  private LineReader at(String line) throws Exception {
    Path f = tmp.resolve("f.txt");
    Files.writeString(f, line + "\n");
    LineReader in = LineReader.open(f, StandardCharsets.UTF_8);
    in.next();
    return in;
  }

  @Test
  void splitKeepsEmptyFields() {
    assertThat(Fields.split("a||b|", "|")).containsExactly("a", "", "b", "");
    assertThat(Fields.split("1::2::3", "::")).containsExactly("1", "2", "3");
    assertThat(Fields.split("", "\t")).containsExactly("");
  }

  @Test
  void csvQuotingFollowsRfc4180() throws Exception {
    try (LineReader in = at("x")) {
      assertThat(Fields.splitCsv(in, "a,\"b,c\",,\"d\"\"e\","))
          .containsExactly("a", "b,c", "", "d\"e", "");
      assertThat(Fields.splitCsv(in, "\"\"")).containsExactly("");
      assertThat(Fields.splitCsv(in, ",")).containsExactly("", "");
      assertThatThrownBy(() -> Fields.splitCsv(in, "\"ab\"c,d"))
          .isInstanceOf(InputException.class)
          .hasMessageContaining(":1: unexpected character after a closing quote at column 5");
    }
  }

  @Test
  void numbersAreCheckedAndNamed() throws Exception {
    try (LineReader in = at("x")) {
      assertThat(Fields.parseFloat(in, "3", "rating")).isEqualTo(3f);
      assertThat(Fields.parseFloat(in, " 4.5 ", "rating")).isEqualTo(4.5f);
      assertThat(Fields.parseFloat(in, "-2e3", "rating")).isEqualTo(-2000f);
      assertThat(Fields.parseLong(in, "881250949", "timestamp")).isEqualTo(881250949L);
      assertThat(Fields.parseLong(in, "-5", "timestamp")).isEqualTo(-5L);
      assertThat(Fields.parseInt(in, "12", "age")).isEqualTo(12);
      assertThatThrownBy(() -> Fields.parseFloat(in, "NaN", "rating"))
          .hasMessageContaining("rating 'NaN' is not a finite number");
      assertThatThrownBy(() -> Fields.parseInt(in, "99999999999", "age"))
          .hasMessageContaining("age '99999999999' is not an integer");
      assertThat(Fields.parseLabel(in, "1.0", "click")).isEqualTo(1f);
      assertThatThrownBy(() -> Fields.parseLabel(in, "yes", "click"))
          .hasMessageContaining("click 'yes' is not 0 or 1");
      assertThatThrownBy(() -> Fields.parsePropensity(in, "0", "p"))
          .hasMessageContaining("p 0 is not in (0, 1]");
      assertThat(Fields.digits("0042")).isEqualTo(42);
      assertThat(Fields.digits("4.2")).isEqualTo(-1);
      assertThat(Fields.digits("")).isEqualTo(-1);
    }
  }

  @Test
  void genericTimestamps() throws Exception {
    try (LineReader in = at("x")) {
      assertThat(Timestamps.parse(in, "1709290800")).isEqualTo(1709290800L);
      assertThat(Timestamps.parse(in, "2024-03-01T08:30:00Z"))
          .isEqualTo(Instant.parse("2024-03-01T08:30:00Z").getEpochSecond());
      assertThat(Timestamps.parse(in, "2024-03-01T09:30:00+01:00"))
          .isEqualTo(Instant.parse("2024-03-01T08:30:00Z").getEpochSecond());
      assertThat(Timestamps.parse(in, "2024-03-01T03:30:00-05:00"))
          .isEqualTo(Instant.parse("2024-03-01T08:30:00Z").getEpochSecond());
      assertThat(Timestamps.parse(in, "2024-03-01 08:30:00"))
          .isEqualTo(Instant.parse("2024-03-01T08:30:00Z").getEpochSecond());
      assertThat(Timestamps.parse(in, "2024-03-01"))
          .isEqualTo(Instant.parse("2024-03-01T00:00:00Z").getEpochSecond());
      assertThatThrownBy(() -> Timestamps.parse(in, "03/01/2024"))
          .hasMessageContaining("is neither epoch seconds nor ISO-8601");
      assertThatThrownBy(() -> Timestamps.parse(in, " "))
          .hasMessageContaining("timestamp is empty");
    }
  }

  @Test
  void invalidUtf8IsReportedAtItsLine() throws Exception {
    Path f = tmp.resolve("latin1.csv");
    Files.write(f, new byte[] {'o', 'k', '\n', 'C', 'a', 'f', (byte) 0xE9, '\n'});
    try (LineReader in = LineReader.open(f, StandardCharsets.UTF_8)) {
      assertThat(in.next()).isEqualTo("ok");
      assertThatThrownBy(in::next)
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith(f + ":2: ")
          .hasMessageContaining("bytes that are not valid UTF-8");
    }
  }

  @Test
  void missingFileIsNamed() {
    Path f = tmp.resolve("nope.dat");
    assertThatThrownBy(() -> LineReader.open(f, StandardCharsets.UTF_8))
        .isInstanceOf(InputException.class)
        .hasMessage(f + ": file not found");
  }
}
