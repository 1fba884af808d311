package dev.nudge.data;

/** The kinds of feature a column can hold. */
public enum FeatureType {
  /** A real number; missing values are NaN. */
  NUMERIC,
  /** One value from a vocabulary (gender, occupation, zip prefix); missing is key -1. */
  CATEGORICAL,
  /** A set of values from a vocabulary (genres, tags). */
  MULTI_CATEGORICAL,
  /** Free text (title, abstract); tokenised by the feature pipeline, not here. */
  TEXT
}
