package dev.nudge.data.load;

import dev.nudge.core.InputException;
import java.util.Arrays;
import java.util.List;

/**
 * The header line of a CSV file: finds columns by name so that column order does not matter, and
 * names the missing column (and the columns that are there) when a required one is absent.
 */
final class CsvHeader {
  private final List<String> names;

  private CsvHeader(List<String> names) {
    this.names = names;
  }

  /** Reads the first line of {@code in} as the header; an empty file is an error. */
  static CsvHeader read(LineReader in) {
    String line = in.next();
    if (line == null) {
      throw in.error("the file is empty; expected a header line");
    }
    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
      line = line.substring(1); // a byte-order mark from spreadsheet exports
    }
    return new CsvHeader(Arrays.stream(Fields.splitCsv(in, line)).map(String::strip).toList());
  }

  List<String> names() {
    return names;
  }

  int size() {
    return names.size();
  }

  /** The column's index, or -1. */
  int optional(String name) {
    return names.indexOf(name);
  }

  /** The column's index; a missing column is an error at line 1. */
  int require(LineReader in, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw InputException.atLine(
          in.file(), 1, "header has no column '" + name + "'; it has " + names);
    }
    return i;
  }

  /** Splits a data line and checks it has as many fields as the header. */
  String[] fields(LineReader in, String line) {
    String[] f = Fields.splitCsv(in, line);
    if (f.length != names.size()) {
      throw in.error("expected " + names.size() + " fields as in the header, found " + f.length);
    }
    return f;
  }
}
