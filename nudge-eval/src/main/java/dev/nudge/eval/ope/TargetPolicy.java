package dev.nudge.eval.ope;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.core.Seeds;

/**
 * The policy being evaluated, seen through its action distribution: for a context, the probability
 * of putting each candidate in slot 0. Implementations are stateless and thread-safe.
 */
public interface TargetPolicy {

  /** A name for reports. */
  String name();

  /** π(a | context) for each candidate a; sums to 1. */
  double[] distribution(DecisionContext context);

  /**
   * A {@link Policy}'s distribution estimated by asking it {@code samples} times with independent
   * random sources derived from {@code seed} and the event id. Exact for deterministic policies;
   * for randomised ones the error shrinks as 1/√samples. The policy is not trained meanwhile.
   */
  static TargetPolicy sampling(Policy policy, int samples, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    return new TargetPolicy() {
      @Override
      public String name() {
        return policy.name();
      }

      @Override
      public double[] distribution(DecisionContext context) {
        double[] p = new double[context.candidates().size()];
        long eventSeed = Seeds.derive(seed, context.eventId());
        for (int s = 0; s < samples; s++) {
          DecisionContext c =
              new DecisionContext(
                  context.eventId(),
                  context.userKey(),
                  context.userEmbedding(),
                  context.features(),
                  context.candidates(),
                  1,
                  context.budget(),
                  Seeds.random(eventSeed, s));
          p[policy.decide(c).get(0).candidateIndex()] += 1.0 / samples;
        }
        return p;
      }
    };
  }

  /**
   * A context-free policy given by a probability per arm key (e.g. the empirical action shares of a
   * logged Bernoulli Thompson policy). Renormalised over the candidates present.
   */
  static TargetPolicy fixed(String name, double[] probabilityByArmKey) {
    double[] copy = probabilityByArmKey.clone();
    for (int k = 0; k < copy.length; k++) {
      if (!(copy[k] >= 0) || !Double.isFinite(copy[k])) {
        throw new IllegalArgumentException("probability of arm " + k + " is " + copy[k]);
      }
    }
    return new TargetPolicy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double[] distribution(DecisionContext context) {
        int n = context.candidates().size();
        double[] p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
          int key = context.candidates().get(i).key();
          p[i] = key < copy.length ? copy[key] : 0;
          total += p[i];
        }
        if (!(total > 0)) {
          throw new IllegalArgumentException(
              name + " gives no probability to any candidate of event " + context.eventId());
        }
        for (int i = 0; i < n; i++) {
          p[i] /= total;
        }
        return p;
      }
    };
  }
}
