package dev.nudge.data.load;

import dev.nudge.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a text file line by line and remembers where it is, so that every parse error can name the
 * file and the 1-based line. Decoding is strict: bytes that are not valid in the charset are an
 * error (a UTF-8 reader on an ISO-8859-1 file says so), never silently replaced.
 */
final class LineReader implements AutoCloseable {
  private final Path file;
  private final BufferedReader in;
  private final Charset charset; // null: ISO-8859-1, no decoding needed
  private long line;

  private LineReader(Path file, BufferedReader in, Charset charset) {
    this.file = file;
    this.in = in;
    this.charset = charset;
  }

  /**
   * Opens {@code file} in ISO-8859-1, US-ASCII or UTF-8; a missing file is an {@link
   * InputException} naming it.
   */
  static LineReader open(Path file, Charset charset) {
    if (!charset.equals(StandardCharsets.ISO_8859_1)
        && !charset.equals(StandardCharsets.US_ASCII)
        && !charset.equals(StandardCharsets.UTF_8)) {
      throw new IllegalArgumentException("charset must be ISO-8859-1, US-ASCII or UTF-8");
    }
    try {
      // Bytes are read as ISO-8859-1 (one char per byte, lossless) and decoded line by line, so
      // that a bad byte is reported at its own line: a decoding reader fails when it fills its
      // buffer, up to 64 KiB ahead of the line being read.
      return new LineReader(
          file,
          Files.newBufferedReader(file, StandardCharsets.ISO_8859_1),
          charset.equals(StandardCharsets.ISO_8859_1) ? null : charset);
    } catch (NoSuchFileException e) {
      throw InputException.inFile(file, "file not found", e);
    } catch (IOException e) {
      throw InputException.inFile(file, "cannot open: " + e.getMessage(), e);
    }
  }

  /** The next line without its terminator, or null at the end of the file. */
  String next() {
    String s;
    try {
      s = in.readLine();
    } catch (IOException e) {
      throw InputException.atLine(file, line + 1, "read failed: " + e.getMessage(), e);
    }
    if (s == null) {
      return null;
    }
    line++;
    return charset == null || isAscii(s) ? s : decode(s);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The line's bytes (its ISO-8859-1 chars) decoded strictly in the file's charset. */
  private String decode(String raw) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      throw InputException.atLine(
          file,
          line,
          "bytes that are not valid " + charset.name() + " (is the file ISO-8859-1?)",
          e);
    }
  }

  /** The next line that is not blank, or null at the end of the file. */
  String nextNonBlank() {
    String s;
    do {
      s = next();
    } while (s != null && s.isBlank());
    return s;
  }

  Path file() {
    return file;
  }

  /** The 1-based number of the line last returned (0 before the first). */
  long line() {
    return line;
  }

  /** An error at the line last returned. */
  InputException error(String reason) {
    return InputException.atLine(file, line, reason);
  }

  /** An error at the line last returned, with its cause. */
  InputException error(String reason, Throwable cause) {
    return InputException.atLine(file, line, reason, cause);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw InputException.inFile(file, "close failed: " + e.getMessage(), e);
    }
  }
}
