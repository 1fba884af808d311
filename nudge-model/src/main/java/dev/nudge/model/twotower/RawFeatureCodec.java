package dev.nudge.model.twotower;

import java.util.List;
import java.util.Locale;

/**
 * How raw values of one user-tower input group became model inputs at training time: the
 * categorical vocabulary, the numeric standardisation, or how text was cut into tokens. Saved with
 * the model, so a user it never saw can be encoded from raw feature values (see {@link ColdUser}).
 *
 * @param kind the group's kind
 * @param feature the feature column read, or null for {@code id} and {@code history} groups
 * @param vocabulary categorical: the values by code (an unknown value reads as missing); else null
 * @param mean numeric: the training mean subtracted; else null
 * @param scale numeric: the factor applied after subtracting the mean (1 / sd); else null
 * @param tokens text: how a raw value is cut into tokens; else null
 */
public record RawFeatureCodec(
    InputGroup.Kind kind,
    String feature,
    List<String> vocabulary,
    Double mean,
    Double scale,
    Tokens tokens) {

  /** How a text group's raw value becomes tokens, by the column type it was trained on. */
  public enum Tokens {
    /** A text column: lower-cased runs of letters and digits. */
    WORDS,
    /** A multi-categorical column: the values, separated by {@code |}. */
    VALUES,
    /** A categorical column: the whole value is one token. */
    VALUE
  }

  public RawFeatureCodec {
    if (kind == null) {
      throw new IllegalArgumentException("kind must be set");
    }
    vocabulary = vocabulary == null ? null : List.copyOf(vocabulary);
    switch (kind) {
      case CATEGORICAL -> require(vocabulary != null, "vocabulary", kind);
      case NUMERIC -> {
        require(mean != null && Double.isFinite(mean), "mean", kind);
        require(scale != null && Double.isFinite(scale) && scale > 0, "scale", kind);
      }
      case TEXT -> require(tokens != null, "tokens", kind);
      case ID, HISTORY -> {
        // Nothing to keep: ids are looked up, histories are item ids.
      }
    }
  }

  static RawFeatureCodec plain(InputGroup.Kind kind) {
    return new RawFeatureCodec(kind, null, null, null, null, null);
  }

  private static void require(boolean ok, String field, InputGroup.Kind kind) {
    if (!ok) {
      throw new IllegalArgumentException(
          field
              + " must be set (and valid) for a "
              + kind.name().toLowerCase(Locale.ROOT)
              + " group");
    }
  }
}
