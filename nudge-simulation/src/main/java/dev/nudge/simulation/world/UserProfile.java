package dev.nudge.simulation.world;

import java.util.List;

/**
 * One customer of the synthetic bank: demographics and behaviour. Generated from its index alone
 * (see {@link BankingWorld#user}), so a population of millions costs no memory.
 *
 * @param index the user's index, 0..users-1 (also its dense key)
 * @param ageBand 0..5: 18-24, 25-34, 35-44, 45-54, 55-64, 65+
 * @param incomeBand 0..4: low .. very high
 * @param region 0..5, see {@link #REGIONS}
 * @param tenureYears years as a customer, >= 0
 * @param balance current-account balance, >= 0
 * @param monthlySpend card spend per month, >= 0
 * @param digitalActivity app sessions per week, >= 0
 * @param savingsRate share of income saved, in [0, 1]
 * @param productsHeld number of the bank's products held, 1..8
 */
public record UserProfile(
    int index,
    int ageBand,
    int incomeBand,
    int region,
    double tenureYears,
    double balance,
    double monthlySpend,
    double digitalActivity,
    double savingsRate,
    int productsHeld) {

  public static final List<String> AGE_BANDS =
      List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
  public static final List<String> INCOME_BANDS =
      List.of("low", "lower-middle", "middle", "upper-middle", "high");
  public static final List<String> REGIONS =
      List.of("capital", "north", "south", "east", "west", "rural");

  /** Names of {@link #features()}, in order. */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "age",
          "income",
          "tenure",
          "log-balance",
          "log-spend",
          "digital-activity",
          "savings-rate",
          "products-held",
          "region=capital",
          "region=north",
          "region=south",
          "region=east",
          "region=west",
          "region=rural");

  public UserProfile {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    requireBand("ageBand", ageBand, AGE_BANDS.size());
    requireBand("incomeBand", incomeBand, INCOME_BANDS.size());
    requireBand("region", region, REGIONS.size());
    requireNonNegative("tenureYears", tenureYears);
    requireNonNegative("balance", balance);
    requireNonNegative("monthlySpend", monthlySpend);
    requireNonNegative("digitalActivity", digitalActivity);
    if (!(savingsRate >= 0 && savingsRate <= 1)) {
      throw new IllegalArgumentException("savingsRate must be in [0, 1], got " + savingsRate);
    }
    if (productsHeld < 1 || productsHeld > 8) {
      throw new IllegalArgumentException("productsHeld must be in 1..8, got " + productsHeld);
    }
  }

  /** The external id, "u" + index. */
  public String id() {
    return "u" + index;
  }

  /**
   * The standardised feature vector the response model and contextual policies read: eight roughly
   * zero-mean, unit-variance numbers, then the region one-hot. Names in {@link #FEATURE_NAMES}.
   */
  public double[] features() {
    double[] f = new double[FEATURE_NAMES.size()];
    // Centres and scales are those of the generator's own distributions (BankingGenerators).
    f[0] = (ageBand - 2.3) / 1.6;
    f[1] = (incomeBand - 1.9) / 1.2;
    f[2] = (tenureYears - 5.3) / 5.0;
    f[3] = (Math.log1p(balance) - 7.6) / 1.2;
    f[4] = (Math.log1p(monthlySpend) - 6.8) / 0.65;
    f[5] = (digitalActivity - 6.5) / 4.0;
    f[6] = (savingsRate - 0.18) / 0.1;
    f[7] = (productsHeld - 3.3) / 1.2;
    f[8 + region] = 1;
    return f;
  }

  private static void requireBand(String name, int value, int size) {
    if (value < 0 || value >= size) {
      throw new IllegalArgumentException(name + " must be in 0.." + (size - 1) + ", got " + value);
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }
}
