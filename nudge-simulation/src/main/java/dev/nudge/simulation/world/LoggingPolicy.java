package dev.nudge.simulation.world;

/**
 * The policy that chose the nudges of a logged history, with its exact choice probabilities, so
 * that the logged propensities are exact too (off-policy estimators need them).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface LoggingPolicy permits LoggingPolicy.Uniform, LoggingPolicy.EpsilonBaseline {

  /** The probability of choosing each nudge in a round, indexed by nudge; sums to 1. */
  double[] probabilities(BankingWorld world, WorldRound round);

  /** A short name for reports and dataset names. */
  String name();

  /** Every nudge equally likely. */
  record Uniform() implements LoggingPolicy {
    @Override
    public double[] probabilities(BankingWorld world, WorldRound round) {
      double[] p = new double[world.nudgeCount()];
      java.util.Arrays.fill(p, 1.0 / p.length);
      return p;
    }

    @Override
    public String name() {
      return "uniform";
    }
  }

  /**
   * ε-greedy over a business rule: with probability 1 − ε the baseline's nudge, otherwise a uniform
   * one. The baseline is the campaign calendar's "right time" rule: the nudge whose best hour is
   * closest to the current hour (the lowest index on ties). It reads no hidden parameter.
   *
   * @param epsilon exploration rate, in [0, 1]
   */
  record EpsilonBaseline(double epsilon) implements LoggingPolicy {
    public EpsilonBaseline {
      if (!(epsilon >= 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
      }
    }

    @Override
    public double[] probabilities(BankingWorld world, WorldRound round) {
      int k = world.nudgeCount();
      double[] p = new double[k];
      java.util.Arrays.fill(p, epsilon / k);
      p[baseline(world, round)] += 1 - epsilon;
      return p;
    }

    /** The baseline rule's nudge for a round. */
    public static int baseline(BankingWorld world, WorldRound round) {
      int hour = round.moment().hour();
      int best = 0;
      int bestDistance = Integer.MAX_VALUE;
      for (int i = 0; i < world.nudgeCount(); i++) {
        int d = Math.abs(world.nudge(i).bestHour() - hour);
        d = Math.min(d, 24 - d);
        if (d < bestDistance) {
          best = i;
          bestDistance = d;
        }
      }
      return best;
    }

    @Override
    public String name() {
      return "epsilon-baseline(epsilon=" + epsilon + ")";
    }
  }
}
