package dev.nudge.data.split;

/**
 * How much of a sequence goes to training, validation and test, e.g. 0.8 / 0.1 / 0.1. Each share is
 * in [0, 1] and they add up to 1.
 */
public record Fractions(double train, double validation, double test) {
  /** RecBole's and most papers' default: 80 / 10 / 10. */
  public static final Fractions DEFAULT = new Fractions(0.8, 0.1, 0.1);

  private static final double TOLERANCE = 1e-9;

  public Fractions {
    check("train", train);
    check("validation", validation);
    check("test", test);
    double sum = train + validation + test;
    if (Math.abs(sum - 1.0) > TOLERANCE) {
      throw new IllegalArgumentException(
          "train + validation + test must be 1, got "
              + train
              + " + "
              + validation
              + " + "
              + test
              + " = "
              + sum);
    }
  }

  /** Train and test shares only, no validation. */
  public static Fractions trainTest(double train) {
    return new Fractions(train, 0, 1 - train);
  }

  /**
   * Where a sequence of {@code n} items is cut: items {@code [0, c[0])} train, {@code [c[0], c[1])}
   * validation, {@code [c[1], n)} test. Cumulative shares are rounded to the nearest item, so the
   * three counts always add up to {@code n}.
   */
  public int[] cuts(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int first = (int) Math.round(n * train);
    int second = (int) Math.round(n * (train + validation));
    first = Math.clamp(first, 0, n);
    second = Math.clamp(second, first, n);
    return new int[] {first, second};
  }

  private static void check(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + share);
    }
  }
}
