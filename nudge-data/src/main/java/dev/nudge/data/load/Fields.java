package dev.nudge.data.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits lines into fields and parses them, reporting every failure against the reader's current
 * line. Splitting keeps empty fields (",," is three fields) because the formats here are
 * positional.
 */
final class Fields {
  private Fields() {}

  /** Splits on a separator string ("\t", "|", "::"), keeping empty fields. */
  static String[] split(String line, String separator) {
    List<String> out = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = line.indexOf(separator, from)) >= 0) {
      out.add(line.substring(from, at));
      from = at + separator.length();
    }
    out.add(line.substring(from));
    return out.toArray(String[]::new);
  }

  /** Splits and requires exactly {@code expected} fields. */
  static String[] split(LineReader in, String line, String separator, int expected) {
    // The hot path of every loader: fill an array of the expected size with no list in between.
    String[] f = new String[expected];
    int found = 0;
    int from = 0;
    int at;
    while ((at = line.indexOf(separator, from)) >= 0) {
      if (found < expected) {
        f[found] = line.substring(from, at);
      }
      found++;
      from = at + separator.length();
    }
    if (found < expected) {
      f[found] = line.substring(from);
    }
    found++;
    if (found != expected) {
      throw in.error(
          "expected "
              + expected
              + " fields separated by '"
              + printable(separator)
              + "', found "
              + found);
    }
    return f;
  }

  /**
   * Splits one CSV record (RFC 4180 quoting: a quoted field may hold commas and doubled quotes).
   * Records spanning several lines are not supported: none of the supported formats has them.
   */
  static String[] splitCsv(LineReader in, String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      field.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw in.error("a quoted field is not closed before the end of the line");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw in.error("unexpected character after a closing quote at column " + (i + 1));
        }
      } else {
        int end = line.indexOf(',', i);
        if (end < 0) {
          end = n;
        }
        field.append(line, i, end);
        i = end;
      }
      out.add(field.toString());
      if (i >= n) {
        return out.toArray(String[]::new);
      }
      i++; // the comma
      if (i == n) {
        out.add("");
        return out.toArray(String[]::new);
      }
    }
  }

  /**
   * The value of a short run of ASCII digits, or -1 when {@code s} is anything else. Ids, ratings
   * and timestamps are mostly such runs; reading them here skips the general parsers, which matters
   * while the JIT has not yet compiled them (a cold load is what a user of the CLI waits for).
   */
  static long digits(String s) {
    int n = s.length();
    if (n == 0 || n > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  static int parseInt(LineReader in, String value, String what) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw in.error(what + " '" + value + "' is not an integer", e);
    }
  }

  static long parseLong(LineReader in, String value, String what) {
    long fast = digits(value);
    if (fast >= 0) {
      return fast;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw in.error(what + " '" + value + "' is not an integer", e);
    }
  }

  /** A finite number; NaN and infinities are rejected as they would poison every statistic. */
  static float parseFloat(LineReader in, String value, String what) {
    long fast = digits(value);
    if (fast >= 0 && fast < (1 << 24)) {
      return fast; // exact in a float
    }
    float f;
    try {
      f = Float.parseFloat(value.strip());
    } catch (NumberFormatException e) {
      throw in.error(what + " '" + value + "' is not a number", e);
    }
    if (!Float.isFinite(f)) {
      throw in.error(what + " '" + value + "' is not a finite number");
    }
    return f;
  }

  /** A label: exactly 0 or 1. */
  static float parseLabel(LineReader in, String value, String what) {
    return switch (value.strip()) {
      case "0", "0.0" -> 0f;
      case "1", "1.0" -> 1f;
      default -> throw in.error(what + " '" + value + "' is not 0 or 1");
    };
  }

  /** A probability in (0, 1]. */
  static float parsePropensity(LineReader in, String value, String what) {
    float p = parseFloat(in, value, what);
    if (!(p > 0f && p <= 1f)) {
      throw in.error(what + " " + value + " is not in (0, 1]");
    }
    return p;
  }

  private static String printable(String separator) {
    return separator.replace("\t", "\\t");
  }
}
