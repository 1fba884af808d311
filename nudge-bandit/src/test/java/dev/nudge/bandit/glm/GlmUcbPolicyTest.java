package dev.nudge.bandit.glm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.FeatureMap;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import dev.nudge.math.Direct;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GlmUcbPolicyTest {
  private static final int D = 3;

  private static DecisionContext context(int user, List<Arm> arms, double[] features) {
    return new DecisionContext(
        "e", user, null, features, arms, 1, DecisionContext.UNLIMITED, Seeds.random(1));
  }

  /** Undamped Newton for the ridge-logistic loss, written here independently. */
  private static double[] newton(double[] rows, double[] y, int d, double lambda) {
    int n = y.length;
    double[] theta = new double[d];
    for (int it = 0; it < 60; it++) {
      double[] g = new double[d];
      double[] h = new double[d * d];
      for (int j = 0; j < d; j++) {
        g[j] = lambda * theta[j];
        h[j * d + j] = lambda;
      }
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j < d; j++) {
          z += rows[i * d + j] * theta[j];
        }
        double p = 1 / (1 + Math.exp(-z));
        for (int a = 0; a < d; a++) {
          g[a] += (p - y[i]) * rows[i * d + a];
          for (int b = 0; b < d; b++) {
            h[a * d + b] += p * (1 - p) * rows[i * d + a] * rows[i * d + b];
          }
        }
      }
      double[] step = Direct.solve(h, g, d);
      for (int j = 0; j < d; j++) {
        theta[j] -= step[j];
      }
    }
    return theta;
  }

  private static void teach(GlmUcbPolicy policy, int user, int count, long seed) {
    RandomGenerator random = Seeds.random(seed);
    for (int t = 0; t < count; t++) {
      double[] x = {random.nextGaussian(), random.nextGaussian(), 1};
      double p = 1 / (1 + Math.exp(-(2 * x[0] - x[1] - 0.5)));
      Arm arm = new Arm("i" + t, t, null, x, -1);
      double reward = random.nextDouble() < p ? 1 : 0;
      policy.learn(new Feedback(context(user, List.of(arm), null), arm, 0, reward));
    }
  }

  @Test
  void perUserFitIsTheLogisticMleAndScoresFollowTheFormula() {
    double beta = 0.3;
    GlmUcbPolicy policy = new GlmUcbPolicy(beta, 1.0, D, FeatureMap.ARM, 0);
    teach(policy, 4, 150, 41);
    teach(policy, 9, 20, 42);
    for (int user : new int[] {4, 9}) {
      double[] rows = policy.observations(user);
      double[] y = policy.rewards(user);
      double[] expected = newton(rows, y, D, 1.0);
      assertThat(Direct.maxAbsDiff(policy.theta(user), expected))
          .as("user " + user)
          .isLessThan(1e-6);
      double[][] xs = new double[y.length][];
      for (int i = 0; i < y.length; i++) {
        xs[i] = java.util.Arrays.copyOfRange(rows, i * D, i * D + D);
      }
      double[] m = Direct.gram(xs, xs.length, D, 1.0);
      double[] x = {0.4, -0.2, 1};
      Slate slate = policy.decide(context(user, List.of(new Arm("probe", 0, null, x, -1)), null));
      double score =
          1 / (1 + Math.exp(-Direct.dot(policy.theta(user), x)))
              + beta * Math.sqrt(Direct.inverseQuadratic(m, x, D));
      assertThat(slate.get(0).score()).isCloseTo(score, within(1e-9));
    }
    assertThat(policy.rewards(4)).hasSize(150);
    assertThat(policy.rewards(9)).hasSize(20);
    // User 4's 150 observations recover the generating signs.
    assertThat(policy.theta(4)[0]).isGreaterThan(0.5);
    assertThat(policy.theta(4)[1]).isLessThan(-0.2);
    assertThat(policy.theta(5)).isNull();
  }

  @Test
  void anUnknownUserScoresTheFlatPrior() {
    GlmUcbPolicy policy = new GlmUcbPolicy(0.5, 4.0, D, FeatureMap.ARM, 0);
    teach(policy, 1, 10, 43);
    double[] x = {2, 0, 0};
    Slate slate = policy.decide(context(2, List.of(new Arm("p", 0, null, x, -1)), null));
    assertThat(slate.get(0).score()).isCloseTo(0.5 + 0.5 * 2 / 2, within(1e-12));
  }

  @Test
  void windowKeepsTheLastObservationsAndRefits() {
    GlmUcbPolicy windowed = new GlmUcbPolicy(0.1, 1.0, D, FeatureMap.ARM, 25);
    teach(windowed, 0, 80, 44);
    double[] rows = windowed.observations(0);
    assertThat(windowed.rewards(0)).hasSize(25);
    assertThat(Direct.maxAbsDiff(windowed.theta(0), newton(rows, windowed.rewards(0), D, 1.0)))
        .isLessThan(1e-6);
  }

  @Test
  void contextFeaturesAndEmbeddingsFeedTheModel() {
    GlmUcbPolicy raw = new GlmUcbPolicy(0.1, 1.0, 3, FeatureMap.ARM_CONTEXT, 0);
    Arm arm = new Arm("a", 0, new float[] {1f, 2f}, new double[] {1, 0}, -1);
    raw.learn(new Feedback(context(0, List.of(arm), new double[] {5}), arm, 0, 1));
    assertThat(raw.observations(0)).containsExactly(1, 0, 5);
    assertThat(raw.name()).startsWith("glm-ucb(");
    GlmUcbPolicy neural = new GlmUcbPolicy(0.1, 1.0, 2, FeatureMap.EMBEDDING, 0);
    neural.learn(new Feedback(context(0, List.of(arm), null), arm, 0, 1));
    assertThat(neural.observations(0)).containsExactly(1, 2);
    assertThat(neural.name()).startsWith("n-glm-ucb(");
    // Real rewards are clamped to [0, 1] as success probabilities.
    neural.learn(new Feedback(context(0, List.of(arm), null), arm, 0, 7.5));
    assertThat(neural.rewards(0)).containsExactly(1, 1);
  }

  @Test
  void badParametersAreRejected() {
    assertThatThrownBy(() -> new GlmUcbPolicy(-0.1, 1, 3, FeatureMap.ARM, 0))
        .hasMessageContaining("beta");
    assertThatThrownBy(() -> new GlmUcbPolicy(Double.NaN, 1, 3, FeatureMap.ARM, 0))
        .hasMessageContaining("beta");
    assertThatThrownBy(() -> new GlmUcbPolicy(0.1, -1, 3, FeatureMap.ARM, 0))
        .hasMessageContaining("lambda");
    assertThatThrownBy(() -> new GlmUcbPolicy(0.1, 1, 0, FeatureMap.ARM, 0))
        .hasMessageContaining("d must");
  }
}
