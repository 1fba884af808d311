package dev.nudge.data.load;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Timestamps of the generic format: epoch seconds ("1700000000"), or ISO-8601 with an offset
 * ("2024-03-01T08:30:00Z", "2024-03-01T08:30:00+01:00"), without one ("2024-03-01T08:30:00", read
 * as UTC) or a date alone ("2024-03-01", midnight UTC).
 */
final class Timestamps {
  private Timestamps() {}

  static long parse(LineReader in, String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw in.error("timestamp is empty");
    }
    if (isInteger(t)) {
      return Fields.parseLong(in, t, "timestamp");
    }
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      }
      char last = t.charAt(t.length() - 1);
      boolean offset =
          last == 'Z' || last == 'z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10;
      return offset
          ? OffsetDateTime.parse(t.replace(' ', 'T')).toEpochSecond()
          : LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw in.error(
          "timestamp '"
              + text
              + "' is neither epoch seconds nor ISO-8601 (2024-03-01T08:30:00Z, 2024-03-01)",
          e);
    }
  }

  private static boolean isInteger(String t) {
    int start = t.charAt(0) == '-' ? 1 : 0;
    if (start == t.length()) {
      return false;
    }
    for (int i = start; i < t.length(); i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
