package dev.nudge.bandit.linear;

/** Parameter checks shared by the linear and GLM policies, with messages naming the parameter. */
public final class LinearChecks {
  private LinearChecks() {}

  public static void positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
    }
  }

  public static void nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + value);
    }
  }

  public static void dimension(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }

  public static void window(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("window must be >= 0 (0 = none), got " + value);
    }
  }

  public static void samples(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + value);
    }
  }
}
