package dev.nudge.eval.ope;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** A logistic contextual bandit with known click probabilities, for testing estimators. */
final class LinearWorld {
  final int arms;
  final int dim;
  final double[][] theta;
  final List<Arm> candidates = new ArrayList<>();

  LinearWorld(int arms, int dim, long seed) {
    this.arms = arms;
    this.dim = dim;
    RandomGenerator r = Seeds.random(seed, "theta");
    theta = new double[arms][dim];
    for (int a = 0; a < arms; a++) {
      for (int j = 0; j < dim; j++) {
        theta[a][j] = r.nextGaussian() - (j == 0 ? 1.5 : 0);
      }
      candidates.add(Arm.of("arm" + a, a));
    }
  }

  double clickProbability(double[] x, int arm) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      s += theta[arm][j] * x[j];
    }
    return 1 / (1 + Math.exp(-s));
  }

  DecisionContext context(String eventId, double[] x) {
    return new DecisionContext(
        eventId, 0, null, x, candidates, 1, DecisionContext.UNLIMITED, Seeds.forEvent(eventId));
  }

  double[] drawContext(RandomGenerator r) {
    double[] x = new double[dim];
    x[0] = 1;
    for (int j = 1; j < dim; j++) {
      x[j] = r.nextGaussian();
    }
    return x;
  }

  /** Logs n rounds of a softmax logging policy with the given temperature (∞ = uniform). */
  List<LoggedRound> log(int n, double temperature, long seed) {
    RandomGenerator r = Seeds.random(seed, "log");
    List<LoggedRound> rounds = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] x = drawContext(r);
      double[] p = softmax(x, temperature);
      double u = r.nextDouble();
      int a = 0;
      for (double c = p[0]; u >= c && a < arms - 1; c += p[++a]) {}
      double reward = r.nextDouble() < clickProbability(x, a) ? 1 : 0;
      rounds.add(new LoggedRound(context("e" + i, x), a, p[a], reward));
    }
    return rounds;
  }

  double[] softmax(double[] x, double temperature) {
    double[] p = new double[arms];
    double total = 0;
    for (int a = 0; a < arms; a++) {
      p[a] = Double.isInfinite(temperature) ? 1 : Math.exp(clickProbability(x, a) / temperature);
      total += p[a];
    }
    for (int a = 0; a < arms; a++) {
      p[a] /= total;
    }
    return p;
  }

  /** The target's true expected reward on exactly these contexts. */
  double trueValue(List<LoggedRound> rounds, TargetPolicy target) {
    double total = 0;
    for (LoggedRound round : rounds) {
      double[] pi = target.distribution(round.context());
      for (int a = 0; a < arms; a++) {
        total += pi[a] * clickProbability(round.context().features(), a);
      }
    }
    return total / rounds.size();
  }

  /** The policy that always shows the arm with the highest click probability. */
  Policy oracle() {
    return new Policy() {
      @Override
      public String name() {
        return "oracle";
      }

      @Override
      public Slate decide(DecisionContext context) {
        int best = 0;
        for (int a = 1; a < arms; a++) {
          if (clickProbability(context.features(), a)
              > clickProbability(context.features(), best)) {
            best = a;
          }
        }
        return new Slate(
            List.of(new Slate.Entry(candidates.get(best), best, 0, 1, false)), "oracle", false);
      }

      @Override
      public void learn(Feedback feedback) {}

      @Override
      public Policy copy() {
        return this;
      }

      @Override
      public void writeState(DataOutputStream out) {}

      @Override
      public void readState(DataInputStream in) {}
    };
  }
}
