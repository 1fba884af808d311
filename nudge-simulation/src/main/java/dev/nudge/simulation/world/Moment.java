package dev.nudge.simulation.world;

import java.util.List;
import java.util.Objects;

/**
 * The context of one decision: when and where the customer is, and how active they have been.
 *
 * @param round the decision's round number, >= 0 (the hidden parameters drift with it)
 * @param time epoch seconds of the decision
 * @param hour hour of day, 0..23
 * @param weekday 0 = Monday .. 6 = Sunday
 * @param location where the customer is
 * @param recentActivity how active in the app over the last days, in [0, 1]
 */
public record Moment(
    long round, long time, int hour, int weekday, Location location, double recentActivity) {

  /** Coarse location buckets, as a phone's location permission would give them. */
  public enum Location {
    HOME,
    WORK,
    COMMUTE,
    AWAY
  }

  /** Names of {@link #features()}, in order. */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "hour-sin",
          "hour-cos",
          "weekend",
          "location=home",
          "location=work",
          "location=commute",
          "location=away",
          "recent-activity");

  public Moment {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, got " + round);
    }
    if (hour < 0 || hour > 23) {
      throw new IllegalArgumentException("hour must be in 0..23, got " + hour);
    }
    if (weekday < 0 || weekday > 6) {
      throw new IllegalArgumentException("weekday must be in 0..6, got " + weekday);
    }
    Objects.requireNonNull(location, "location");
    if (!(recentActivity >= 0 && recentActivity <= 1)) {
      throw new IllegalArgumentException("recentActivity must be in [0, 1], got " + recentActivity);
    }
  }

  /** The hour on the unit circle, a weekend flag, the location one-hot and recent activity. */
  public double[] features() {
    double[] f = new double[FEATURE_NAMES.size()];
    double angle = 2 * Math.PI * hour / 24;
    f[0] = Math.sin(angle);
    f[1] = Math.cos(angle);
    f[2] = weekday >= 5 ? 1 : 0;
    f[3 + location.ordinal()] = 1;
    f[7] = recentActivity;
    return f;
  }
}
