package dev.nudge.simulation.world;

import dev.nudge.simulation.world.Moment.Location;
import dev.nudge.simulation.world.NudgeProfile.Channel;
import dev.nudge.simulation.world.NudgeProfile.Family;
import java.util.random.RandomGenerator;

/**
 * The observable side of the banking world: how users, nudges and moments are drawn. Each draw
 * takes a generator seeded for that one index, so any user or round can be rebuilt alone. The
 * distributions are plausible, not calibrated to any real bank.
 */
final class BankingGenerators {
  /** Monday 5 January 2026, 00:00 UTC: round 0 of day 0. */
  static final long START_EPOCH_SECONDS = 1_767_571_200L;

  private static final double[] AGE_WEIGHTS = {0.12, 0.22, 0.22, 0.18, 0.14, 0.12};
  private static final double[] AGE_INCOME_SHIFT = {-0.8, -0.2, 0.2, 0.3, 0.1, -0.3};
  private static final double[] INCOME_CUTS = {-0.85, -0.25, 0.4, 1.1};
  private static final double[] REGION_WEIGHTS = {0.25, 0.18, 0.17, 0.15, 0.15, 0.10};
  private static final double[] MAX_TENURE = {6, 15, 25, 35, 45, 55};

  /** Relative app traffic per hour of day: a morning peak, lunch and a long evening. */
  private static final double[] HOUR_WEIGHTS = {
    0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 1.6, 2.2, 1.8, 1.4, 1.4, 2.0, 1.9, 1.3, 1.2, 1.3, 1.7, 2.0,
    2.3, 2.5, 2.2, 1.5, 0.8
  };

  /** The five named nudges: id, title, family, channel, best hour, urgency, incentive. */
  private static final NudgeProfile[] NAMED = {
    new NudgeProfile(
        0,
        "savings-goal",
        "Set a savings goal and we'll round up your purchases towards it",
        Family.SAVINGS,
        Channel.IN_APP,
        19,
        0.3,
        0.5),
    new NudgeProfile(
        1,
        "bill-reminder",
        "Your energy bill is due in 3 days: pay now to avoid a late fee",
        Family.BILLS,
        Channel.PUSH,
        8,
        0.9,
        0.2),
    new NudgeProfile(
        2,
        "card-offer",
        "0% interest on purchases for 12 months with our rewards card",
        Family.CARDS,
        Channel.EMAIL,
        12,
        0.4,
        0.8),
    new NudgeProfile(
        3,
        "investment-tip",
        "Start a stocks and shares ISA from 25 a month",
        Family.INVESTMENTS,
        Channel.EMAIL,
        20,
        0.2,
        0.6),
    new NudgeProfile(
        4,
        "budgeting-tip",
        "You spent 18% more on eating out this month: set a budget?",
        Family.BUDGETING,
        Channel.IN_APP,
        21,
        0.5,
        0.3)
  };

  /** How many named nudges there are. */
  static final int NAMED_COUNT = NAMED.length;

  private BankingGenerators() {}

  static UserProfile user(int index, RandomGenerator r) {
    int age = pick(r, AGE_WEIGHTS);
    double incomeLatent = r.nextGaussian() + AGE_INCOME_SHIFT[age];
    int income = 0;
    while (income < INCOME_CUTS.length && incomeLatent > INCOME_CUTS[income]) {
      income++;
    }
    int region = pick(r, REGION_WEIGHTS);
    double tenure = Math.min(MAX_TENURE[age], -6 * Math.log(1 - r.nextDouble()));
    double balance = Math.exp(6.2 + 0.5 * income + 0.2 * age + r.nextGaussian());
    double spend = Math.exp(6.1 + 0.35 * income + 0.5 * r.nextGaussian());
    double digital = Math.exp(2.3 - 0.25 * age + 0.5 * r.nextGaussian());
    double savings = 1 / (1 + Math.exp(-(-2.3 + 0.4 * income + 0.6 * r.nextGaussian())));
    int products = 1 + (int) Math.min(7, tenure / 6 + 0.5 * income + 2 * r.nextDouble());
    return new UserProfile(
        index, age, income, region, tenure, balance, spend, digital, savings, products);
  }

  /** Nudges 0..4 are the named five; later ones are variants with random delivery settings. */
  static NudgeProfile nudge(int index, RandomGenerator r) {
    if (index < NAMED_COUNT) {
      return NAMED[index];
    }
    NudgeProfile template = NAMED[r.nextInt(NAMED_COUNT)];
    Channel channel = Channel.values()[r.nextInt(Channel.values().length)];
    return new NudgeProfile(
        index,
        template.id() + "-v" + index,
        template.title() + " (variant " + index + ")",
        template.family(),
        channel,
        r.nextInt(24),
        r.nextDouble(),
        r.nextDouble());
  }

  static Moment moment(long round, UserProfile user, int roundsPerDay, RandomGenerator r) {
    long day = round / roundsPerDay;
    int weekday = (int) (day % 7);
    int hour = pick(r, HOUR_WEIGHTS);
    Location location = location(hour, weekday >= 5, r);
    // Active users were recently active more often; the exponent keeps it in [0, 1].
    double activity = 1 - Math.exp(-user.digitalActivity() / 10 * (0.3 + 1.4 * r.nextDouble()));
    long time = START_EPOCH_SECONDS + day * 86_400 + hour * 3_600L + r.nextInt(3_600);
    return new Moment(round, time, hour, weekday, location, activity);
  }

  private static Location location(int hour, boolean weekend, RandomGenerator r) {
    double[] weights;
    if (!weekend && hour >= 9 && hour < 17) {
      weights = new double[] {0.2, 0.6, 0.1, 0.1};
    } else if (!weekend && (hour == 7 || hour == 8 || hour == 17 || hour == 18)) {
      weights = new double[] {0.3, 0.1, 0.5, 0.1};
    } else if (weekend && hour >= 10 && hour < 20) {
      weights = new double[] {0.5, 0.05, 0.05, 0.4};
    } else {
      weights = new double[] {0.85, 0.02, 0.03, 0.1};
    }
    return Location.values()[pick(r, weights)];
  }

  /** An index drawn with probability proportional to its weight. */
  static int pick(RandomGenerator r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
