package dev.nudge.model.twotower;

import java.util.Arrays;
import java.util.List;

/**
 * A tower's inputs for every entity (user or item), already encoded: for each input group either
 * table-row indices ({@code slots} per entity, -1 for an empty slot) or one standardised number per
 * entity. Built by {@link FeatureEncoder}; immutable once built.
 */
final class TowerInputs {
  private final int rows;
  private final int[][] indices;
  private final float[][] numbers;
  private final int[] tableRows;

  /**
   * @param rows entities
   * @param indices per group, {@code rows * slots} table rows, or null for numeric groups
   * @param numbers per group, {@code rows} values for numeric groups, else null
   * @param tableRows per group, the embedding table's height (0 for numeric groups)
   */
  TowerInputs(int rows, int[][] indices, float[][] numbers, int[] tableRows) {
    if (indices.length != numbers.length || indices.length != tableRows.length) {
      throw new IllegalArgumentException("indices, numbers and tableRows must cover every group");
    }
    this.rows = rows;
    this.indices = indices;
    this.numbers = numbers;
    this.tableRows = tableRows;
  }

  int rows() {
    return rows;
  }

  int groups() {
    return indices.length;
  }

  /** Table rows of a group (read-only; do not modify). */
  int[] indices(int group) {
    return indices[group];
  }

  /** Numbers of a numeric group (read-only; do not modify). */
  float[] numbers(int group) {
    return numbers[group];
  }

  int tableRows(int group) {
    return tableRows[group];
  }

  /** Checks that the inputs fit the groups of a tower. */
  void check(List<InputGroup> groups, String tower) {
    if (groups.size() != indices.length) {
      throw new IllegalArgumentException(
          tower + " tower has " + groups.size() + " input groups but inputs for " + indices.length);
    }
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      boolean numeric = group.kind() == InputGroup.Kind.NUMERIC;
      int expected = numeric ? rows : rows * group.slots();
      int actual = numeric ? numbers[g].length : indices[g].length;
      if (actual != expected) {
        throw new IllegalArgumentException(
            tower
                + " input group "
                + g
                + " ("
                + group.kind()
                + ") has "
                + actual
                + " values, expected "
                + expected);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TowerInputs t
        && rows == t.rows
        && Arrays.deepEquals(indices, t.indices)
        && Arrays.deepEquals(numbers, t.numbers)
        && Arrays.equals(tableRows, t.tableRows);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(indices) * 31 + rows;
  }
}
