package dev.nudge.serve.log;

/**
 * Writes JSON strings and numbers straight into a {@link StringBuilder}, for the hot answers and
 * log columns where building a tree costs more than the content (a decide answer, a candidate
 * list). The output parses to the same values Jackson would write.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /** Appends {@code s} as a quoted JSON string, escaping what JSON requires. */
  public static void string(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]); // < 0x20
      }
    }
    out.append(s, from, n).append('"');
  }

  /** Appends a finite double as Jackson writes it ({@link Double#toString}). */
  public static void number(StringBuilder out, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("JSON has no " + v);
    }
    out.append(v);
  }

  /** A JSON array of strings. */
  public static String strings(java.util.List<String> values) {
    StringBuilder out = new StringBuilder(2 + 12 * values.size());
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(out, values.get(i));
    }
    return out.append(']').toString();
  }

  /** A JSON array of finite doubles. */
  public static String numbers(double[] values) {
    StringBuilder out = new StringBuilder(2 + 6 * values.length);
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      number(out, values[i]);
    }
    return out.append(']').toString();
  }

  /** A slate as the log stores it: the {@link SlotRecord} fields by name. */
  static String slate(java.util.List<SlotRecord> slate) {
    StringBuilder out = new StringBuilder(2 + 80 * slate.size());
    out.append('[');
    for (int i = 0; i < slate.size(); i++) {
      SlotRecord s = slate.get(i);
      out.append(i == 0 ? "{\"id\":" : ",{\"id\":");
      string(out, s.id());
      out.append(",\"key\":").append(s.key()).append(",\"probability\":");
      number(out, s.probability());
      out.append(",\"score\":");
      if (s.score() == null) {
        out.append("null");
      } else {
        number(out, s.score());
      }
      out.append(",\"explored\":").append(s.explored()).append('}');
    }
    return out.append(']').toString();
  }

  /** A JSON array of finite floats, as Jackson writes them ({@link Float#toString}). */
  public static String floats(float[] values) {
    StringBuilder out = new StringBuilder(2 + 12 * values.length);
    floats(out, values);
    return out.toString();
  }

  private static void floats(StringBuilder out, float[] values) {
    out.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("JSON has no " + values[i]);
      }
      out.append(values[i]);
    }
    out.append(']');
  }

  /** An arm as the log stores it: the {@link ArmRecord} fields by name. */
  static String arm(ArmRecord arm) {
    StringBuilder out = new StringBuilder(64 + 12 * arm.embedding().length);
    out.append("{\"id\":");
    string(out, arm.id());
    out.append(",\"key\":").append(arm.key()).append(",\"embedding\":");
    floats(out, arm.embedding());
    out.append(",\"features\":").append(numbers(arm.features()));
    return out.append(",\"topic\":").append(arm.topic()).append('}').toString();
  }
}
