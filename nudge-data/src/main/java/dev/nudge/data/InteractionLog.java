package dev.nudge.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Who did what with which item and when, column by column. Row r is one interaction: user key
 * {@link #user(int)}, item key {@link #item(int)}, time in epoch seconds, a value (a rating, or a
 * 0/1 label), and optionally the logging policy's propensity, the slate position, the impression it
 * belongs to, and context features. Immutable; built with {@link Builder}.
 */
public final class InteractionLog {

  /** What {@link #value(int)} means. */
  public enum ValueKind {
    /** An explicit rating on the data set's scale (MovieLens 1-5, half stars in 20M). */
    RATING,
    /** A binary outcome: 1 clicked/converted, 0 shown and not taken. */
    LABEL
  }

  private final ValueKind kind;
  private final int[] users;
  private final int[] items;
  private final long[] times;
  private final float[] values;
  private final float[] propensities;
  private final int[] positions;
  private final int[] impressions;
  private final FeatureTable context;

  private InteractionLog(
      ValueKind kind,
      int[] users,
      int[] items,
      long[] times,
      float[] values,
      float[] propensities,
      int[] positions,
      int[] impressions,
      FeatureTable context) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.users = users;
    this.items = items;
    this.times = times;
    this.values = values;
    this.propensities = propensities;
    this.positions = positions;
    this.impressions = impressions;
    this.context = context == null ? FeatureTable.empty(users.length) : context;
    if (this.context.rows() != users.length) {
      throw new IllegalArgumentException(
          users.length + " interactions but " + this.context.rows() + " context rows");
    }
  }

  public ValueKind kind() {
    return kind;
  }

  public int size() {
    return users.length;
  }

  public int user(int row) {
    return users[row];
  }

  public int item(int row) {
    return items[row];
  }

  /** Epoch seconds. */
  public long time(int row) {
    return times[row];
  }

  public float value(int row) {
    return values[row];
  }

  public boolean hasPropensities() {
    return propensities != null;
  }

  /** The logging policy's probability of this action, when logged. */
  public OptionalDouble propensity(int row) {
    return propensities == null ? OptionalDouble.empty() : OptionalDouble.of(propensities[row]);
  }

  /** The 0-based slate position, or -1 when not logged. */
  public int position(int row) {
    return positions == null ? -1 : positions[row];
  }

  /** The impression (request, session) this row belongs to, or -1 when not logged. */
  public int impression(int row) {
    return impressions == null ? -1 : impressions[row];
  }

  /** Per-interaction context features; a table with no columns when none were logged. */
  public FeatureTable context() {
    return context;
  }

  /**
   * Whether the row is a positive under an implicit-feedback reading: a label of 1, or a rating at
   * or above {@code threshold}.
   */
  public boolean isPositive(int row, float threshold) {
    return kind == ValueKind.LABEL ? values[row] > 0.5f : values[row] >= threshold;
  }

  /** The rows {@code keep[0]}, {@code keep[1]}, ... as a new log, in that order. */
  public InteractionLog select(int[] keep) {
    int n = keep.length;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] v = new float[n];
    float[] p = propensities == null ? null : new float[n];
    int[] pos = positions == null ? null : new int[n];
    int[] imp = impressions == null ? null : new int[n];
    for (int k = 0; k < n; k++) {
      int r = keep[k];
      u[k] = users[r];
      i[k] = items[r];
      t[k] = times[r];
      v[k] = values[r];
      if (p != null) {
        p[k] = propensities[r];
      }
      if (pos != null) {
        pos[k] = positions[r];
      }
      if (imp != null) {
        imp[k] = impressions[r];
      }
    }
    return new InteractionLog(kind, u, i, t, v, p, pos, imp, context.select(keep));
  }

  /** Row numbers ordered by time, ties broken by row number (a stable sort). */
  public int[] timeOrder() {
    int n = size();
    long min = firstTime();
    long span = lastTime() - min;
    int[] order = new int[n];
    if (n > 0 && span < Long.MAX_VALUE / n) {
      // Pack (time, row) into one long so a primitive sort orders both at once.
      long[] packed = new long[n];
      for (int r = 0; r < n; r++) {
        packed[r] = (times[r] - min) * n + r;
      }
      Arrays.sort(packed);
      for (int k = 0; k < n; k++) {
        order[k] = (int) (packed[k] % n);
      }
      return order;
    }
    return IntStream.range(0, n)
        .boxed()
        .sorted((a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : a - b)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Earliest time, or 0 for an empty log. */
  public long firstTime() {
    return Arrays.stream(times).min().orElse(0);
  }

  /** Latest time, or 0 for an empty log. */
  public long lastTime() {
    return Arrays.stream(times).max().orElse(0);
  }

  @Override
  public String toString() {
    return "InteractionLog[" + kind + ", " + size() + " rows]";
  }

  /** Appends interactions one at a time into growable primitive arrays. Single-threaded. */
  public static final class Builder {
    private final ValueKind kind;
    private int size;
    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private long[] times = new long[1024];
    private float[] values = new float[1024];
    private float[] propensities;
    private int[] positions;
    private int[] impressions;
    private FeatureTable.Builder context;

    public Builder(ValueKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Logs propensities, positions and impressions too; call before the first add. */
    public Builder withPropensities() {
      requireEmpty();
      propensities = new float[users.length];
      return this;
    }

    public Builder withPositions() {
      requireEmpty();
      positions = new int[users.length];
      return this;
    }

    public Builder withImpressions() {
      requireEmpty();
      impressions = new int[users.length];
      return this;
    }

    /**
     * Logs per-interaction context with these declared columns; after each {@code add}, set the
     * row's values through {@link #context()}.
     */
    public Builder withContext(FeatureTable.Builder declaredColumns) {
      requireEmpty();
      context = declaredColumns;
      return this;
    }

    /** The context builder, positioned at the last added row. */
    public FeatureTable.Builder context() {
      if (context == null) {
        throw new IllegalStateException("withContext(...) was not called");
      }
      return context;
    }

    /** Adds a row; returns its row number. */
    public int add(int user, int item, long time, float value) {
      if (size == users.length) {
        int cap = size * 2;
        users = Arrays.copyOf(users, cap);
        items = Arrays.copyOf(items, cap);
        times = Arrays.copyOf(times, cap);
        values = Arrays.copyOf(values, cap);
        if (propensities != null) {
          propensities = Arrays.copyOf(propensities, cap);
        }
        if (positions != null) {
          positions = Arrays.copyOf(positions, cap);
        }
        if (impressions != null) {
          impressions = Arrays.copyOf(impressions, cap);
        }
      }
      users[size] = user;
      items[size] = item;
      times[size] = time;
      values[size] = value;
      if (positions != null) {
        positions[size] = -1;
      }
      if (impressions != null) {
        impressions[size] = -1;
      }
      if (propensities != null) {
        propensities[size] = Float.NaN;
      }
      if (context != null) {
        context.nextRow();
      }
      return size++;
    }

    /** Sets the last row's logged propensity. */
    public Builder propensity(float p) {
      requireColumn(propensities, "withPropensities");
      propensities[size - 1] = p;
      return this;
    }

    public Builder position(int position) {
      requireColumn(positions, "withPositions");
      positions[size - 1] = position;
      return this;
    }

    public Builder impression(int impression) {
      requireColumn(impressions, "withImpressions");
      impressions[size - 1] = impression;
      return this;
    }

    public int size() {
      return size;
    }

    public InteractionLog build() {
      return new InteractionLog(
          kind,
          Arrays.copyOf(users, size),
          Arrays.copyOf(items, size),
          Arrays.copyOf(times, size),
          Arrays.copyOf(values, size),
          propensities == null ? null : Arrays.copyOf(propensities, size),
          positions == null ? null : Arrays.copyOf(positions, size),
          impressions == null ? null : Arrays.copyOf(impressions, size),
          context == null ? null : context.build());
    }

    private void requireEmpty() {
      if (size > 0) {
        throw new IllegalStateException("declare optional columns before the first add");
      }
    }

    private void requireColumn(Object column, String enabler) {
      if (column == null) {
        throw new IllegalStateException(enabler + "() was not called");
      }
      if (size == 0) {
        throw new IllegalStateException("add a row first");
      }
    }
  }
}
