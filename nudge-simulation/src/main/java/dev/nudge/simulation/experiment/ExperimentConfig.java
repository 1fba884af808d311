package dev.nudge.simulation.experiment;

import dev.nudge.core.Seeds;
import java.util.List;

/**
 * What to run: the protocol's sizes and the policies to compare. Bound from the {@code simulate}
 * section of a config file; every field has a default.
 *
 * @param name a name for the run folder
 * @param seed root seed: the same seed gives the same results
 * @param trials independent trials (the paper: 5)
 * @param usersPerTrial users drawn for each trial (the paper: 10, 100, 1,000)
 * @param rounds rounds per trial (the paper: 2,000)
 * @param slateSize items recommended per round, m
 * @param budgetPerSlot b: the policy may compute B = b·m acquisition scores per round (0 = no
 *     budget)
 * @param threads worker threads (0 = all cores)
 * @param policies policy specs, e.g. {@code "epsilon-greedy(epsilon=0.1)"}
 * @param encoderUpdatePeriod every this many rounds, each policy run re-fits the trial's encoder on
 *     the pre-training data plus the clicks it has observed and sees the new embeddings from the
 *     next round on (the paper: 100); 0 (the default) keeps the pre-trained encoder for the whole
 *     run
 */
public record ExperimentConfig(
    String name,
    Long seed,
    Integer trials,
    Integer usersPerTrial,
    Integer rounds,
    Integer slateSize,
    Integer budgetPerSlot,
    Integer threads,
    List<String> policies,
    Integer encoderUpdatePeriod) {

  public static final int DEFAULT_TRIALS = 5;
  public static final int DEFAULT_USERS = 100;
  public static final int DEFAULT_ROUNDS = 2000;
  public static final int DEFAULT_SLATE = 5;

  public static final java.util.Map<String, String> HELP =
      java.util.Map.of(
          "name", "name of the run folder (letters, digits, '.', '_', '-')",
          "seed", "root seed: the same seed gives the same results",
          "trials", "independent trials, each with its own users (paper: 5)",
          "usersPerTrial", "users drawn per trial, removed from pre-training (paper: 10/100/1000)",
          "rounds", "rounds per trial (paper: 2000)",
          "slateSize", "items recommended per round, m (paper: 5)",
          "budgetPerSlot", "b: the policy may score B = b·m items per round; 0 = no budget",
          "threads", "worker threads; 0 = all cores",
          "policies", "policy specs, e.g. random, epsilon-greedy(epsilon=0.1), n-glm-ucb",
          "encoderUpdatePeriod",
              "re-fit the encoder on pre-training data + clicks every N rounds; 0 = never");

  /** Every field at its default. */
  public static ExperimentConfig defaults() {
    return new ExperimentConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** A config whose encoder is never refreshed ({@code encoderUpdatePeriod} 0). */
  public ExperimentConfig(
      String name,
      Long seed,
      Integer trials,
      Integer usersPerTrial,
      Integer rounds,
      Integer slateSize,
      Integer budgetPerSlot,
      Integer threads,
      List<String> policies) {
    this(
        name,
        seed,
        trials,
        usersPerTrial,
        rounds,
        slateSize,
        budgetPerSlot,
        threads,
        policies,
        null);
  }

  /** This config with another encoder update period. */
  public ExperimentConfig withEncoderUpdatePeriod(int period) {
    return new ExperimentConfig(
        name,
        seed,
        trials,
        usersPerTrial,
        rounds,
        slateSize,
        budgetPerSlot,
        threads,
        policies,
        period);
  }

  public ExperimentConfig {
    name = name == null ? "experiment" : name;
    seed = seed == null ? Seeds.DEFAULT_SEED : seed;
    trials = positive("trials", trials, DEFAULT_TRIALS);
    usersPerTrial = positive("usersPerTrial", usersPerTrial, DEFAULT_USERS);
    rounds = positive("rounds", rounds, DEFAULT_ROUNDS);
    slateSize = positive("slateSize", slateSize, DEFAULT_SLATE);
    budgetPerSlot = budgetPerSlot == null ? 0 : budgetPerSlot;
    if (budgetPerSlot < 0) {
      throw new IllegalArgumentException("budgetPerSlot must be >= 0, got " + budgetPerSlot);
    }
    threads = threads == null ? 0 : threads;
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    policies = policies == null ? List.of("random", "epsilon-greedy") : List.copyOf(policies);
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("policies must name at least one policy");
    }
    encoderUpdatePeriod = encoderUpdatePeriod == null ? 0 : encoderUpdatePeriod;
    if (encoderUpdatePeriod < 0) {
      throw new IllegalArgumentException(
          "encoderUpdatePeriod must be >= 0 (0 = never), got " + encoderUpdatePeriod);
    }
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "name may hold letters, digits, '.', '_' and '-' only, got '" + name + "'");
    }
  }

  private static int positive(String field, Integer value, int fallback) {
    int v = value == null ? fallback : value;
    if (v < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + v);
    }
    return v;
  }

  /** B for one round, or {@link dev.nudge.bandit.DecisionContext#UNLIMITED}. */
  public int roundBudget() {
    return budgetPerSlot == 0
        ? dev.nudge.bandit.DecisionContext.UNLIMITED
        : budgetPerSlot * slateSize;
  }
}
