package dev.nudge.bandit;

import java.util.Locale;

/**
 * How a feature-based policy turns a (context, arm) pair into its feature vector x. Every policy
 * fixes the dimension d at construction, and a vector of another length is rejected with the arm
 * id, so a catalogue/model mismatch fails at the first decision instead of scoring garbage.
 */
public enum FeatureMap {
  /** x = the arm's raw features. */
  ARM("arm"),
  /** x = the arm's raw features followed by the context features (GLM-UCB "raw features"). */
  ARM_CONTEXT("arm+context"),
  /** x = the arm's two-tower embedding (the N- policies). */
  EMBEDDING("embedding");

  private final String label;

  FeatureMap(String label) {
    this.label = label;
  }

  /** The spelling used in policy specs: {@code arm}, {@code arm+context}, {@code embedding}. */
  public String label() {
    return label;
  }

  /** The map spelled {@code label}; throws IllegalArgumentException listing the spellings. */
  public static FeatureMap parse(String label) {
    for (FeatureMap map : values()) {
      if (map.label.equals(label.toLowerCase(Locale.ROOT))) {
        return map;
      }
    }
    throw new IllegalArgumentException(
        "must be one of arm, arm+context, embedding, got '" + label + "'");
  }

  /** x for one arm; its length must be {@code d}. */
  public double[] vector(DecisionContext context, Arm arm, int d) {
    double[] x =
        switch (this) {
          case ARM -> arm.features();
          case ARM_CONTEXT -> concat(arm.features(), context.features());
          case EMBEDDING -> widen(arm.embedding());
        };
    if (x.length != d) {
      throw new IllegalArgumentException(
          "arm '"
              + arm.id()
              + "': "
              + label
              + " features have length "
              + x.length
              + ", the policy expects d = "
              + d);
    }
    return x;
  }

  private static double[] concat(double[] a, double[] b) {
    if (b.length == 0) {
      return a;
    }
    double[] x = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, x, a.length, b.length);
    return x;
  }

  private static double[] widen(float[] e) {
    double[] x = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      x[i] = e[i];
    }
    return x;
  }
}
