package dev.nudge.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed features of a set of rows (users, items or decision contexts), stored column by column in
 * primitive arrays. Immutable; built row by row with {@link Builder}.
 */
public final class FeatureTable {
  private final int rows;
  private final Map<String, Column> columns;

  private FeatureTable(int rows, Map<String, Column> columns) {
    this.rows = rows;
    this.columns = columns;
  }

  /** A table with {@code rows} rows and no columns. */
  public static FeatureTable empty(int rows) {
    return new FeatureTable(rows, Map.of());
  }

  public int rows() {
    return rows;
  }

  /** The columns in declaration order. */
  public List<Column> columns() {
    return List.copyOf(columns.values());
  }

  public Optional<Column> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  /** The column called {@code name}, which must exist and have type {@code type}. */
  public <C extends Column> C column(String name, Class<C> type) {
    Column c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no feature '" + name + "'; have " + columns.keySet());
    }
    if (!type.isInstance(c)) {
      throw new IllegalArgumentException(
          "feature '" + name + "' is " + c.type() + ", not " + type.getSimpleName());
    }
    return type.cast(c);
  }

  /** The rows {@code keep[0]}, {@code keep[1]}, ... as a new table. */
  public FeatureTable select(int[] keep) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (Column c : columns.values()) {
      out.put(c.name(), c.select(keep));
    }
    return new FeatureTable(keep.length, out);
  }

  @Override
  public String toString() {
    return "FeatureTable[rows=" + rows + ", columns=" + columns.keySet() + "]";
  }

  /** One feature over all rows. */
  public sealed interface Column
      permits NumericColumn, CategoricalColumn, MultiCategoricalColumn, TextColumn {
    String name();

    FeatureType type();

    int rows();

    Column select(int[] keep);
  }

  /** Real values; NaN where missing. */
  public static final class NumericColumn implements Column {
    private final String name;
    private final float[] values;

    NumericColumn(String name, float[] values) {
      this.name = name;
      this.values = values;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public FeatureType type() {
      return FeatureType.NUMERIC;
    }

    @Override
    public int rows() {
      return values.length;
    }

    public float value(int row) {
      return values[row];
    }

    @Override
    public NumericColumn select(int[] keep) {
      float[] out = new float[keep.length];
      for (int i = 0; i < keep.length; i++) {
        out[i] = values[keep[i]];
      }
      return new NumericColumn(name, out);
    }
  }

  /** One value per row from a vocabulary; -1 where missing. */
  public static final class CategoricalColumn implements Column {
    private final String name;
    private final IdIndex vocabulary;
    private final int[] codes;

    CategoricalColumn(String name, IdIndex vocabulary, int[] codes) {
      this.name = name;
      this.vocabulary = vocabulary;
      this.codes = codes;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public FeatureType type() {
      return FeatureType.CATEGORICAL;
    }

    @Override
    public int rows() {
      return codes.length;
    }

    /** The code of a row's value (its key in {@link #vocabulary()}), or -1. */
    public int code(int row) {
      return codes[row];
    }

    /** A row's value, or null when missing. */
    public String value(int row) {
      return codes[row] < 0 ? null : vocabulary.id(codes[row]);
    }

    public IdIndex vocabulary() {
      return vocabulary;
    }

    @Override
    public CategoricalColumn select(int[] keep) {
      int[] out = new int[keep.length];
      for (int i = 0; i < keep.length; i++) {
        out[i] = codes[keep[i]];
      }
      return new CategoricalColumn(name, vocabulary, out);
    }
  }

  /** A set of vocabulary values per row, in compressed sparse row form. */
  public static final class MultiCategoricalColumn implements Column {
    private final String name;
    private final IdIndex vocabulary;
    private final int[] offsets;
    private final int[] values;

    MultiCategoricalColumn(String name, IdIndex vocabulary, int[] offsets, int[] values) {
      this.name = name;
      this.vocabulary = vocabulary;
      this.offsets = offsets;
      this.values = values;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public FeatureType type() {
      return FeatureType.MULTI_CATEGORICAL;
    }

    @Override
    public int rows() {
      return offsets.length - 1;
    }

    /** The codes of a row's values, in the order they were given. */
    public int[] codes(int row) {
      return Arrays.copyOfRange(values, offsets[row], offsets[row + 1]);
    }

    /** How many values a row has. */
    public int count(int row) {
      return offsets[row + 1] - offsets[row];
    }

    /** The first code of a row, or -1 when it has none. */
    public int first(int row) {
      return count(row) == 0 ? -1 : values[offsets[row]];
    }

    public IdIndex vocabulary() {
      return vocabulary;
    }

    @Override
    public MultiCategoricalColumn select(int[] keep) {
      int[] off = new int[keep.length + 1];
      for (int i = 0; i < keep.length; i++) {
        off[i + 1] = off[i] + count(keep[i]);
      }
      int[] out = new int[off[keep.length]];
      for (int i = 0; i < keep.length; i++) {
        System.arraycopy(values, offsets[keep[i]], out, off[i], count(keep[i]));
      }
      return new MultiCategoricalColumn(name, vocabulary, off, out);
    }
  }

  /** Free text per row; null where missing. */
  public static final class TextColumn implements Column {
    private final String name;
    private final String[] values;

    TextColumn(String name, String[] values) {
      this.name = name;
      this.values = values;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public FeatureType type() {
      return FeatureType.TEXT;
    }

    @Override
    public int rows() {
      return values.length;
    }

    public String value(int row) {
      return values[row];
    }

    @Override
    public TextColumn select(int[] keep) {
      String[] out = new String[keep.length];
      for (int i = 0; i < keep.length; i++) {
        out[i] = values[keep[i]];
      }
      return new TextColumn(name, out);
    }
  }

  /**
   * Builds a table row by row: declare columns, then for each row call {@link #nextRow()} and set
   * the values that row has; unset values stay missing. Single-threaded.
   */
  public static final class Builder {
    private final Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
    private int rows;

    /** Declares a column; a vocabulary for categorical columns may be given to fix code order. */
    public Builder declare(String name, FeatureType type) {
      return declare(name, type, new IdIndex());
    }

    /** Declares a categorical column with a predefined vocabulary (codes keep its order). */
    public Builder declare(String name, FeatureType type, IdIndex vocabulary) {
      if (rows > 0) {
        throw new IllegalStateException("declare columns before the first row");
      }
      if (columns.containsKey(name)) {
        throw new IllegalArgumentException("feature '" + name + "' declared twice");
      }
      columns.put(name, new ColumnBuilder(name, type, vocabulary));
      return this;
    }

    /** Starts a new row with every value missing. */
    public Builder nextRow() {
      rows++;
      for (ColumnBuilder c : columns.values()) {
        c.grow(rows);
      }
      return this;
    }

    public Builder set(String name, float value) {
      ColumnBuilder c = require(name, FeatureType.NUMERIC);
      c.numbers[rows - 1] = value;
      return this;
    }

    /** Sets a categorical value; a new value joins the vocabulary (unless it is frozen). */
    public Builder set(String name, String value) {
      ColumnBuilder c = columns.get(name);
      if (c != null && c.type == FeatureType.TEXT) {
        requireRow();
        c.texts[rows - 1] = value;
        return this;
      }
      c = require(name, FeatureType.CATEGORICAL);
      c.codes[rows - 1] = value == null ? -1 : c.encode(value);
      return this;
    }

    /** Adds one value to a row's set. */
    public Builder add(String name, String value) {
      ColumnBuilder c = require(name, FeatureType.MULTI_CATEGORICAL);
      c.appendSetValue(rows - 1, c.encode(value));
      return this;
    }

    public int rows() {
      return rows;
    }

    public FeatureTable build() {
      Map<String, Column> out = new LinkedHashMap<>();
      for (ColumnBuilder c : columns.values()) {
        out.put(c.name, c.build(rows));
      }
      return new FeatureTable(rows, out);
    }

    private void requireRow() {
      if (rows == 0) {
        throw new IllegalStateException("call nextRow() before setting values");
      }
    }

    private ColumnBuilder require(String name, FeatureType type) {
      requireRow();
      ColumnBuilder c = columns.get(name);
      if (c == null) {
        throw new IllegalArgumentException("no feature '" + name + "' declared");
      }
      if (c.type != type) {
        throw new IllegalArgumentException("feature '" + name + "' is " + c.type + ", not " + type);
      }
      return c;
    }
  }

  private static final class ColumnBuilder {
    final String name;
    final FeatureType type;
    final IdIndex vocabulary;
    float[] numbers = new float[0];
    int[] codes = new int[0];
    String[] texts = new String[0];
    int[] setValues = new int[16];
    int[] setOwners = new int[16];
    int setSize;

    ColumnBuilder(String name, FeatureType type, IdIndex vocabulary) {
      this.name = name;
      this.type = type;
      this.vocabulary = vocabulary;
    }

    void grow(int rows) {
      switch (type) {
        case NUMERIC -> {
          if (rows > numbers.length) {
            int old = numbers.length;
            numbers = Arrays.copyOf(numbers, Math.max(16, old * 2));
            Arrays.fill(numbers, old, numbers.length, Float.NaN);
          }
        }
        case CATEGORICAL -> {
          if (rows > codes.length) {
            int old = codes.length;
            codes = Arrays.copyOf(codes, Math.max(16, old * 2));
            Arrays.fill(codes, old, codes.length, -1);
          }
        }
        case TEXT -> {
          if (rows > texts.length) {
            texts = Arrays.copyOf(texts, Math.max(16, texts.length * 2));
          }
        }
        case MULTI_CATEGORICAL -> {}
      }
    }

    int encode(String value) {
      int code = vocabulary.indexOf(value);
      if (code >= 0) {
        return code;
      }
      if (vocabulary.isFrozen()) {
        throw new IllegalArgumentException(
            "feature '" + name + "': value '" + value + "' is not in its vocabulary");
      }
      return vocabulary.add(value);
    }

    void appendSetValue(int row, int code) {
      if (setSize == setValues.length) {
        setValues = Arrays.copyOf(setValues, setSize * 2);
        setOwners = Arrays.copyOf(setOwners, setSize * 2);
      }
      setValues[setSize] = code;
      setOwners[setSize] = row;
      setSize++;
    }

    Column build(int rows) {
      return switch (type) {
        case NUMERIC -> new NumericColumn(name, Arrays.copyOf(numbers, rows));
        case CATEGORICAL ->
            new CategoricalColumn(name, vocabulary.freeze(), Arrays.copyOf(codes, rows));
        case TEXT -> new TextColumn(name, Arrays.copyOf(texts, rows));
        case MULTI_CATEGORICAL -> {
          // Values arrive in row order, so owners are non-decreasing: a counting pass gives CSR.
          int[] offsets = new int[rows + 1];
          for (int i = 0; i < setSize; i++) {
            offsets[setOwners[i] + 1]++;
          }
          for (int r = 0; r < rows; r++) {
            offsets[r + 1] += offsets[r];
          }
          yield new MultiCategoricalColumn(
              name, vocabulary.freeze(), offsets, Arrays.copyOf(setValues, setSize));
        }
      };
    }
  }
}
