package dev.nudge.simulation.world;

import java.util.List;
import java.util.Objects;

/**
 * One nudge of the campaign catalogue: what it promotes and how and when it is delivered.
 *
 * @param index the nudge's index, 0..K-1 (also its arm key)
 * @param id a stable, readable id ("savings-goal", "card-offer-v17")
 * @param title the message shown to the customer
 * @param family the product family, which is also the nudge's topic
 * @param channel how it is delivered
 * @param bestHour the hour of day (0..23) at which it works best
 * @param urgency how time-critical the message is, in [0, 1]
 * @param incentive how much the customer gains by acting, in [0, 1]
 */
public record NudgeProfile(
    int index,
    String id,
    String title,
    Family family,
    Channel channel,
    int bestHour,
    double urgency,
    double incentive) {

  /** Product families; the ordinal is the topic key. */
  public enum Family {
    SAVINGS,
    BILLS,
    CARDS,
    INVESTMENTS,
    BUDGETING
  }

  /** Delivery channels. */
  public enum Channel {
    PUSH,
    EMAIL,
    IN_APP,
    SMS
  }

  /** Names of {@link #features()}, in order. */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "family=savings",
          "family=bills",
          "family=cards",
          "family=investments",
          "family=budgeting",
          "channel=push",
          "channel=email",
          "channel=in-app",
          "channel=sms",
          "urgency",
          "incentive",
          "best-hour-sin",
          "best-hour-cos");

  public NudgeProfile {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(channel, "channel");
    if (bestHour < 0 || bestHour > 23) {
      throw new IllegalArgumentException("bestHour must be in 0..23, got " + bestHour);
    }
    if (!(urgency >= 0 && urgency <= 1)) {
      throw new IllegalArgumentException("urgency must be in [0, 1], got " + urgency);
    }
    if (!(incentive >= 0 && incentive <= 1)) {
      throw new IllegalArgumentException("incentive must be in [0, 1], got " + incentive);
    }
  }

  /** Family and channel one-hots, urgency, incentive and the best hour on the unit circle. */
  public double[] features() {
    double[] f = new double[FEATURE_NAMES.size()];
    f[family.ordinal()] = 1;
    f[Family.values().length + channel.ordinal()] = 1;
    f[9] = urgency;
    f[10] = incentive;
    double angle = 2 * Math.PI * bestHour / 24;
    f[11] = Math.sin(angle);
    f[12] = Math.cos(angle);
    return f;
  }

  /** The topic key: the family's ordinal. */
  public int topic() {
    return family.ordinal();
  }
}
