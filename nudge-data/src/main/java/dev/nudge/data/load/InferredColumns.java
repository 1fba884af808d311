package dev.nudge.data.load;

import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import java.util.List;

/**
 * Feature columns of small tables (items, users) whose types are not declared: a column is numeric
 * when every non-empty cell parses as a finite number, and categorical otherwise. Empty cells are
 * missing values. Deciding from all rows, not the first, keeps "12" and "12B" zip codes one type.
 */
final class InferredColumns {
  private final List<String> names;
  private final int[] columns;
  private final boolean[] numeric;

  /**
   * Decides the type of each of {@code columns} (indexes into the rows) over {@code rows}; the
   * features are called {@code names}.
   */
  InferredColumns(List<String> names, int[] columns, List<String[]> rows) {
    this.names = List.copyOf(names);
    this.columns = columns.clone();
    this.numeric = new boolean[columns.length];
    for (int c = 0; c < columns.length; c++) {
      numeric[c] = isNumeric(rows, columns[c]);
    }
  }

  /** Declares the columns on {@code b} with their inferred types. */
  FeatureTable.Builder declare(FeatureTable.Builder b) {
    for (int c = 0; c < columns.length; c++) {
      b.declare(names.get(c), numeric[c] ? FeatureType.NUMERIC : FeatureType.CATEGORICAL);
    }
    return b;
  }

  /** Sets the current row of {@code b} from one row's cells. */
  void set(FeatureTable.Builder b, String[] row) {
    for (int c = 0; c < columns.length; c++) {
      String cell = row[columns[c]].strip();
      if (cell.isEmpty()) {
        continue;
      }
      if (numeric[c]) {
        b.set(names.get(c), Float.parseFloat(cell));
      } else {
        b.set(names.get(c), cell);
      }
    }
  }

  static boolean isNumeric(List<String[]> rows, int column) {
    boolean any = false;
    for (String[] row : rows) {
      String cell = row[column].strip();
      if (cell.isEmpty()) {
        continue;
      }
      if (!isNumber(cell)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  static boolean isNumber(String cell) {
    try {
      return Float.isFinite(Float.parseFloat(cell));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
