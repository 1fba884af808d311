package dev.nudge.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Bad input from outside the program: a malformed file, a config value out of range, a request
 * field of the wrong type. The message always says where (file and line, or field) and why, so the
 * person who supplied the input can fix it without reading code.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String field;

  private InputException(String source, long line, String field, String reason, Throwable cause) {
    super(describe(source, line, field, reason), cause);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  /** A problem at a line (1-based) of a file. */
  public static InputException atLine(Path file, long line, String reason) {
    return new InputException(file.toString(), line, null, reason, null);
  }

  /** A problem at a line of a file, with the underlying cause. */
  public static InputException atLine(Path file, long line, String reason, Throwable cause) {
    return new InputException(file.toString(), line, null, reason, cause);
  }

  /** A problem with a whole file (missing, unreadable, empty). */
  public static InputException inFile(Path file, String reason) {
    return new InputException(file.toString(), 0, null, reason, null);
  }

  /** A problem with a whole file, with the underlying cause. */
  public static InputException inFile(Path file, String reason, Throwable cause) {
    return new InputException(file.toString(), 0, null, reason, cause);
  }

  /** A problem with a named field or key (a config key, a JSON field, a CLI option). */
  public static InputException forField(String field, String reason) {
    return new InputException(null, 0, field, reason, null);
  }

  /** A problem with a named field at a line of a file (a YAML key, a CSV column). */
  public static InputException forField(Path file, long line, String field, String reason) {
    return new InputException(file == null ? null : file.toString(), line, field, reason, null);
  }

  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The 1-based line, or 0 where the problem is not tied to a line. */
  public long line() {
    return line;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  private static String describe(String source, long line, String field, String reason) {
    StringBuilder where = new StringBuilder();
    if (source != null) {
      where.append(source);
      if (line > 0) {
        where.append(':').append(line);
      }
    }
    if (field != null) {
      if (!where.isEmpty()) {
        where.append(' ');
      }
      where.append('\'').append(field).append('\'');
    }
    return where.isEmpty() ? reason : where + ": " + reason;
  }
}
