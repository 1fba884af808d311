package dev.nudge.model.twotower;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One input group of a tower: how a part of an entity's features becomes a vector that the tower's
 * MLP reads. Unused parameters of a kind are ignored (and may be left out of YAML).
 *
 * @param kind what the group reads
 * @param feature the feature column (categorical, numeric, text or multi-categorical); ignored by
 *     {@code id} and {@code history}
 * @param dim the embedding width (ignored by {@code numeric}, which contributes one value)
 * @param buckets hash buckets of {@code text} tokens
 * @param length the most tokens ({@code text}) or recent items ({@code history}) read per row
 */
public record InputGroup(Kind kind, String feature, Integer dim, Integer buckets, Integer length) {

  /** The kinds of input group. */
  public enum Kind {
    /** A learned embedding per entity id. */
    ID,
    /** A learned embedding per value of a categorical feature, plus one for "missing". */
    CATEGORICAL,
    /** One standardised numeric feature (missing values read as the mean). */
    NUMERIC,
    /** Tokens of a text or multi-categorical feature, hashed into buckets, averaged (a bag). */
    TEXT,
    /** The user's most recent training items, pooled by attention with a learned query. */
    HISTORY;

    @JsonCreator
    static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "kind must be one of id, categorical, numeric, text, history; got '" + text + "'");
    }

    @JsonValue
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public InputGroup {
    if (kind == null) {
      throw new IllegalArgumentException(
          "kind must be set (id, categorical, numeric, text, history)");
    }
    boolean needsFeature = kind == Kind.CATEGORICAL || kind == Kind.NUMERIC || kind == Kind.TEXT;
    if (needsFeature && (feature == null || feature.isBlank())) {
      throw new IllegalArgumentException(
          "feature must name a column for a " + kind.label() + " group");
    }
    dim = kind == Kind.NUMERIC ? Integer.valueOf(1) : dim == null ? Integer.valueOf(32) : dim;
    if (dim < 1 || dim > 4096) {
      throw new IllegalArgumentException("dim must be in [1, 4096], got " + dim);
    }
    buckets = buckets == null ? Integer.valueOf(4096) : buckets;
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
    }
    length = length == null ? Integer.valueOf(kind == Kind.HISTORY ? 20 : 8) : length;
    if (length < 1 || length > 1024) {
      throw new IllegalArgumentException("length must be in [1, 1024], got " + length);
    }
  }

  /** An id embedding of width {@code dim}. */
  public static InputGroup id(int dim) {
    return new InputGroup(Kind.ID, null, dim, null, null);
  }

  /** An embedding per value of a categorical feature. */
  public static InputGroup categorical(String feature, int dim) {
    return new InputGroup(Kind.CATEGORICAL, feature, dim, null, null);
  }

  /** One standardised numeric feature. */
  public static InputGroup numeric(String feature) {
    return new InputGroup(Kind.NUMERIC, feature, 1, null, null);
  }

  /** A hashed bag of tokens of a text or multi-categorical feature. */
  public static InputGroup text(String feature, int dim, int buckets, int length) {
    return new InputGroup(Kind.TEXT, feature, dim, buckets, length);
  }

  /** The user's last {@code length} training items, pooled by attention. */
  public static InputGroup history(int dim, int length) {
    return new InputGroup(Kind.HISTORY, null, dim, null, length);
  }

  /** Slots read per row: 1 for id, categorical and numeric; {@code length} for text and history. */
  int slots() {
    return kind == Kind.TEXT || kind == Kind.HISTORY ? length : 1;
  }
}
