package dev.nudge.simulation.world;

import dev.nudge.core.Seeds;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Emits a logged interaction history from the world as a {@link Dataset}, the shape real logs have:
 * one row per impression (one nudge shown per round), labelled 1 for a click and 0 otherwise, with
 * the logging policy's exact propensity, position 0, the impression number, and the moment as
 * context columns. Two-tower models train on it; off-policy estimators evaluate against it.
 *
 * <p>Users in the dataset are those that appear in the log, keyed in order of first appearance,
 * with ids "u" + world index, so a million-user world gives a dataset no larger than its log. The
 * catalogue holds every nudge; its topics are the product families.
 *
 * <p>Deterministic per world seed and round range. Stateless and thread-safe.
 */
public final class HistoryGenerator {
  private final BankingWorld world;
  private final long choiceSeed;
  private final long clickSeed;

  public HistoryGenerator(BankingWorld world) {
    this.world = Objects.requireNonNull(world, "world");
    this.choiceSeed = Seeds.derive(world.config().seed(), "history.choice");
    this.clickSeed = Seeds.derive(world.config().seed(), "history.click");
  }

  /** The log of rounds {@code firstRound .. firstRound + impressions - 1} under {@code logger}. */
  public Dataset generate(long firstRound, int impressions, LoggingPolicy logger) {
    Objects.requireNonNull(logger, "logger");
    if (firstRound < 0) {
      throw new IllegalArgumentException("firstRound must be >= 0, got " + firstRound);
    }
    if (impressions < 0) {
      throw new IllegalArgumentException("impressions must be >= 0, got " + impressions);
    }
    IdIndex userIds = new IdIndex();
    FeatureTable.Builder users = userColumns();
    InteractionLog.Builder log =
        new InteractionLog.Builder(InteractionLog.ValueKind.LABEL)
            .withPropensities()
            .withPositions()
            .withImpressions()
            .withContext(contextColumns());
    for (int i = 0; i < impressions; i++) {
      long t = firstRound + i;
      WorldRound round = world.round(t);
      double[] p = logger.probabilities(world, round);
      int shown = sample(p, Seeds.random(choiceSeed, t));
      double click = world.clickProbability(round, shown);
      boolean clicked = Seeds.random(clickSeed, t).nextDouble() < click;

      UserProfile user = round.user();
      int before = userIds.size();
      int userKey = userIds.add(user.id());
      if (userIds.size() > before) {
        addUser(users, user);
      }
      Moment m = round.moment();
      log.add(userKey, shown, m.time(), clicked ? 1f : 0f);
      log.propensity((float) p[shown]).position(0).impression(i);
      log.context()
          .set("hour", m.hour())
          .set("weekday", m.weekday())
          .set("location", m.location().name().toLowerCase(java.util.Locale.ROOT))
          .set("recent-activity", (float) m.recentActivity());
    }
    String name = "synthetic-banking(seed=" + world.config().seed() + ", " + logger.name() + ")";
    return new Dataset(name, catalogue(), new UserTable(userIds, users.build()), log.build());
  }

  /** Every nudge of the world as a catalogue: family topic, title text and delivery features. */
  public Catalogue catalogue() {
    FeatureTable.Builder b =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT)
            .declare("channel", FeatureType.CATEGORICAL)
            .declare("best-hour", FeatureType.NUMERIC)
            .declare("urgency", FeatureType.NUMERIC)
            .declare("incentive", FeatureType.NUMERIC);
    String[] ids = new String[world.nudgeCount()];
    for (int k = 0; k < ids.length; k++) {
      NudgeProfile n = world.nudge(k);
      ids[k] = n.id();
      b.nextRow()
          .add(Catalogue.TOPICS, lower(n.family()))
          .set(Catalogue.TEXT, n.title())
          .set("channel", lower(n.channel()))
          .set("best-hour", n.bestHour())
          .set("urgency", (float) n.urgency())
          .set("incentive", (float) n.incentive());
    }
    return Catalogue.of(IdIndex.of(java.util.Arrays.asList(ids)), b.build());
  }

  private static FeatureTable.Builder userColumns() {
    return new FeatureTable.Builder()
        .declare("age-band", FeatureType.CATEGORICAL, IdIndex.of(UserProfile.AGE_BANDS))
        .declare("income-band", FeatureType.CATEGORICAL, IdIndex.of(UserProfile.INCOME_BANDS))
        .declare("region", FeatureType.CATEGORICAL, IdIndex.of(UserProfile.REGIONS))
        .declare("tenure-years", FeatureType.NUMERIC)
        .declare("balance", FeatureType.NUMERIC)
        .declare("monthly-spend", FeatureType.NUMERIC)
        .declare("digital-activity", FeatureType.NUMERIC)
        .declare("savings-rate", FeatureType.NUMERIC)
        .declare("products-held", FeatureType.NUMERIC);
  }

  private static void addUser(FeatureTable.Builder b, UserProfile u) {
    b.nextRow()
        .set("age-band", UserProfile.AGE_BANDS.get(u.ageBand()))
        .set("income-band", UserProfile.INCOME_BANDS.get(u.incomeBand()))
        .set("region", UserProfile.REGIONS.get(u.region()))
        .set("tenure-years", (float) u.tenureYears())
        .set("balance", (float) u.balance())
        .set("monthly-spend", (float) u.monthlySpend())
        .set("digital-activity", (float) u.digitalActivity())
        .set("savings-rate", (float) u.savingsRate())
        .set("products-held", u.productsHeld());
  }

  private static FeatureTable.Builder contextColumns() {
    return new FeatureTable.Builder()
        .declare("hour", FeatureType.NUMERIC)
        .declare("weekday", FeatureType.NUMERIC)
        .declare("location", FeatureType.CATEGORICAL)
        .declare("recent-activity", FeatureType.NUMERIC);
  }

  private static int sample(double[] p, RandomGenerator r) {
    double u = r.nextDouble();
    int lastPossible = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        lastPossible = i;
        u -= p[i];
        if (u < 0) {
          return i;
        }
      }
    }
    // Rounding left u a hair above zero: the last nudge that could be chosen takes it.
    return lastPossible;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
