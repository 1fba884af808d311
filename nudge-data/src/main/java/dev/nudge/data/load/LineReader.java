package dev.nudge.data.load;

import dev.nudge.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
  private long line;

  private LineReader(Path file, BufferedReader in) {
    this.file = file;
    this.in = in;
  }

  /** Opens {@code file}; a missing file is an {@link InputException} naming it. */
  static LineReader open(Path file, Charset charset) {
    try {
      var decoder =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      return new LineReader(
          file,
          new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16));
    } catch (NoSuchFileException e) {
      throw InputException.inFile(file, "file not found", e);
    } catch (IOException e) {
      throw InputException.inFile(file, "cannot open: " + e.getMessage(), e);
    }
  }

  /** The next line without its terminator, or null at the end of the file. */
  String next() {
    try {
      String s = in.readLine();
      if (s != null) {
        line++;
      }
      return s;
    } catch (CharacterCodingException e) {
      throw InputException.atLine(
          file, line + 1, "bytes that are not valid in the file's encoding", e);
    } catch (IOException e) {
      throw InputException.atLine(file, line + 1, "read failed: " + e.getMessage(), e);
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
