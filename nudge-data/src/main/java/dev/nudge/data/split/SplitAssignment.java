package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;
import java.util.Arrays;

/**
 * The part of each row of one interaction log: one byte per row, so assigning a 20M-row log costs
 * 20 MB and no objects. Immutable.
 */
public final class SplitAssignment {
  private static final Part[] PARTS = Part.values();

  private final byte[] parts;
  private final int[] counts = new int[PARTS.length];

  private SplitAssignment(byte[] parts) {
    this.parts = parts;
    for (byte p : parts) {
      counts[p]++;
    }
  }

  /** An assignment of {@code rows} rows, all to training, to be refined by {@link Builder}. */
  static Builder builder(int rows) {
    return new Builder(rows);
  }

  /** The number of rows assigned, which is the size of the log. */
  public int size() {
    return parts.length;
  }

  public Part part(int row) {
    return PARTS[parts[row]];
  }

  public int count(Part part) {
    return counts[part.ordinal()];
  }

  /** The rows in {@code part}, in increasing order. */
  public int[] rows(Part part) {
    int[] out = new int[counts[part.ordinal()]];
    int k = 0;
    byte wanted = (byte) part.ordinal();
    for (int r = 0; r < parts.length; r++) {
      if (parts[r] == wanted) {
        out[k++] = r;
      }
    }
    return out;
  }

  /** Copies the rows of {@code log} into their parts. */
  public Split apply(InteractionLog log) {
    if (log.size() != parts.length) {
      throw new IllegalArgumentException(
          "log has " + log.size() + " rows but this assignment covers " + parts.length);
    }
    return new Split(
        log.select(rows(Part.TRAIN)),
        log.select(rows(Part.VALIDATION)),
        log.select(rows(Part.TEST)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SplitAssignment other && Arrays.equals(parts, other.parts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(parts);
  }

  @Override
  public String toString() {
    return "SplitAssignment[train="
        + count(Part.TRAIN)
        + ", validation="
        + count(Part.VALIDATION)
        + ", test="
        + count(Part.TEST)
        + "]";
  }

  /** Sets parts row by row; every row starts in training. Single-threaded. */
  static final class Builder {
    private final byte[] parts;

    private Builder(int rows) {
      this.parts = new byte[rows];
    }

    Builder set(int row, Part part) {
      parts[row] = (byte) part.ordinal();
      return this;
    }

    SplitAssignment build() {
      return new SplitAssignment(parts.clone());
    }
  }
}
