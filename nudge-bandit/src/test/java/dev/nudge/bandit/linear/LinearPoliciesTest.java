package dev.nudge.bandit.linear;

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
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** LinUCB (disjoint and hybrid) and linear Thompson sampling against ridge closed forms. */
class LinearPoliciesTest {
  private static final int D = 4;

  private static double[] gaussian(RandomGenerator random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static DecisionContext context(List<Arm> arms, double[] features, long seed) {
    return new DecisionContext(
        "e" + seed, 0, null, features, arms, 1, DecisionContext.UNLIMITED, Seeds.random(seed));
  }

  /** One observation of arm {@code key} with fresh random features. */
  private record Observation(int key, double[] x, double[] context, double reward) {}

  private static List<Observation> observations(long seed, int count, int keys, int contextDim) {
    RandomGenerator random = Seeds.random(seed);
    List<Observation> list = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      double[] x = gaussian(random, D);
      list.add(
          new Observation(
              t % keys,
              x,
              gaussian(random, contextDim),
              x[0] - 0.5 * x[1] + random.nextGaussian()));
    }
    return list;
  }

  private static void teach(dev.nudge.bandit.Policy policy, Observation o) {
    Arm arm = new Arm("a" + o.key(), o.key(), null, o.x(), -1);
    policy.learn(new Feedback(context(List.of(arm), o.context(), 0), arm, 0, o.reward()));
  }

  @Test
  void disjointLinUcbIsTheRidgeClosedFormPerArm() {
    double lambda = 1.5;
    double alpha = 0.7;
    LinUcbPolicy policy = new LinUcbPolicy(alpha, lambda, D, FeatureMap.ARM, 0);
    List<Observation> obs = observations(31, 300, 3, 0);
    obs.forEach(o -> teach(policy, o));
    for (int key = 0; key < 3; key++) {
      int k = key;
      double[][] xs =
          obs.stream().filter(o -> o.key() == k).map(Observation::x).toArray(double[][]::new);
      double[] b = new double[D];
      for (Observation o : obs) {
        if (o.key() == key) {
          for (int i = 0; i < D; i++) {
            b[i] += o.reward() * o.x()[i];
          }
        }
      }
      double[] a = Direct.gram(xs, xs.length, D, lambda);
      double[] theta = Direct.solve(a, b, D);
      assertThat(Direct.maxAbsDiff(policy.theta(key), theta)).isLessThan(1e-9);
      // The score of a new context for this arm is θᵀx + α√(xᵀA⁻¹x).
      double[] x = gaussian(Seeds.random(key), D);
      Arm arm = new Arm("probe", key, null, x, -1);
      Slate slate = policy.decide(context(List.of(arm), null, 1));
      double expected = Direct.dot(theta, x) + alpha * Math.sqrt(Direct.inverseQuadratic(a, x, D));
      assertThat(slate.get(0).score()).isCloseTo(expected, within(1e-9));
      assertThat(slate.get(0).probability()).isEqualTo(1.0);
    }
    assertThat(policy.theta(7)).isNull();
  }

  @Test
  void anUnseenArmScoresItsPriorWidth() {
    LinUcbPolicy policy = new LinUcbPolicy(2.0, 4.0, D, FeatureMap.ARM, 0);
    double[] x = {1, 2, 2, 0};
    Slate slate = policy.decide(context(List.of(new Arm("new", 9, null, x, -1)), null, 1));
    assertThat(slate.get(0).score()).isCloseTo(2.0 * 3 / 2, within(1e-12));
  }

  @Test
  void slidingWindowEqualsTrainingOnTheLastObservationsOnly() {
    int window = 50;
    LinUcbPolicy windowed = new LinUcbPolicy(1, 1, D, FeatureMap.ARM, window);
    LinUcbPolicy recentOnly = new LinUcbPolicy(1, 1, D, FeatureMap.ARM, 0);
    List<Observation> obs = observations(32, 170, 2, 0);
    obs.forEach(o -> teach(windowed, o));
    obs.subList(obs.size() - window, obs.size()).forEach(o -> teach(recentOnly, o));
    for (int key = 0; key < 2; key++) {
      assertThat(Direct.maxAbsDiff(windowed.theta(key), recentOnly.theta(key))).isLessThan(1e-8);
    }
  }

  @Test
  void linearThompsonMeanIsTheSharedRidgeAndVZeroIsGreedy() {
    double lambda = 2;
    LinearThompsonPolicy policy = new LinearThompsonPolicy(0, lambda, D, FeatureMap.ARM, 8, 0);
    List<Observation> obs = observations(33, 200, 5, 0);
    obs.forEach(o -> teach(policy, o));
    double[][] xs = obs.stream().map(Observation::x).toArray(double[][]::new);
    double[] b = new double[D];
    for (Observation o : obs) {
      for (int i = 0; i < D; i++) {
        b[i] += o.reward() * o.x()[i];
      }
    }
    double[] theta = Direct.solve(Direct.gram(xs, xs.length, D, lambda), b, D);
    assertThat(Direct.maxAbsDiff(policy.theta(), theta)).isLessThan(1e-9);
    List<Arm> arms = new ArrayList<>();
    RandomGenerator random = Seeds.random(34);
    for (int i = 0; i < 6; i++) {
      arms.add(new Arm("c" + i, i, null, gaussian(random, D), -1));
    }
    Slate slate = policy.decide(context(arms, null, 2));
    // v = 0: the draw is θ itself, so the first arm is the argmax of xᵀθ with that score.
    int best = 0;
    for (int i = 1; i < arms.size(); i++) {
      if (Direct.dot(arms.get(i).features(), theta)
          > Direct.dot(arms.get(best).features(), theta)) {
        best = i;
      }
    }
    assertThat(slate.get(0).candidateIndex()).isEqualTo(best);
    assertThat(slate.get(0).score())
        .isCloseTo(Direct.dot(arms.get(best).features(), theta), within(1e-9));
    assertThat(slate.probabilitiesEstimated()).isTrue();
    assertThat(slate.get(0).probability()).isEqualTo(1.0);
  }

  @Test
  void linearThompsonDrawsHaveCovarianceVSquaredAInverse() {
    double v = 0.5;
    LinearThompsonPolicy policy = new LinearThompsonPolicy(v, 1, 2, FeatureMap.ARM, 1, 0);
    Arm e1 = new Arm("e1", 0, null, new double[] {1, 0}, -1);
    Arm e2 = new Arm("e2", 1, null, new double[] {0, 1}, -1);
    // Three observations of e1: A = diag(1 + 3, 1), so Var(θ̃₁) = v²/4, Var(θ̃₂) = v².
    for (int i = 0; i < 3; i++) {
      policy.learn(new Feedback(context(List.of(e1, e2), null, 0), e1, 0, 0));
    }
    double sum1 = 0;
    double sq1 = 0;
    int n = 6000;
    for (int t = 0; t < n; t++) {
      DecisionContext c =
          new DecisionContext(
              "s" + t,
              0,
              null,
              null,
              List.of(e1, e2),
              2,
              DecisionContext.UNLIMITED,
              Seeds.random(500, t));
      Slate slate = policy.decide(c);
      double score = slate.get(0).arm() == e1 ? slate.get(0).score() : slate.get(1).score();
      sum1 += score;
      sq1 += score * score;
    }
    double mean = sum1 / n;
    double variance = sq1 / n - mean * mean;
    assertThat(mean).isCloseTo(0, within(0.02));
    assertThat(variance).isCloseTo(v * v / 4, within(0.1 * v * v / 4));
  }

  @Test
  void hybridLinUcbIsTheJointRidgeSolution() {
    int k = D;
    int contextDim = 2;
    int d = contextDim + 1;
    int keys = 3;
    double lambda = 1.0;
    double alpha = 0.4;
    HybridLinUcbPolicy policy =
        new HybridLinUcbPolicy(alpha, lambda, k, contextDim, FeatureMap.ARM);
    List<Observation> obs = observations(35, 240, keys, contextDim);
    obs.forEach(o -> teach(policy, o));
    // Joint features φ = [z, e_a ⊗ x] with x = [context, 1].
    int p = k + keys * d;
    double[][] phis = new double[obs.size()][];
    double[] b = new double[p];
    for (int r = 0; r < obs.size(); r++) {
      phis[r] = joint(obs.get(r).x(), obs.get(r).context(), obs.get(r).key(), k, d, keys);
      for (int i = 0; i < p; i++) {
        b[i] += obs.get(r).reward() * phis[r][i];
      }
    }
    double[] a = Direct.gram(phis, phis.length, p, lambda);
    double[] w = Direct.solve(a, b, p);
    assertThat(Direct.maxAbsDiff(policy.shared(), java.util.Arrays.copyOf(w, k))).isLessThan(1e-8);
    for (int key = 0; key < keys; key++) {
      double[] theta = java.util.Arrays.copyOfRange(w, k + key * d, k + key * d + d);
      assertThat(Direct.maxAbsDiff(policy.perArmTheta(key), theta)).isLessThan(1e-8);
    }
    // The score is φᵀw + α√(φᵀA⁻¹φ): Li et al.'s s is the joint posterior variance.
    double[] z = gaussian(Seeds.random(36), k);
    double[] ctx = {0.3, -1.2};
    for (int key : new int[] {1, 5}) {
      Slate slate = policy.decide(context(List.of(new Arm("probe", key, null, z, -1)), ctx, 3));
      double[] phi = joint(z, ctx, key, k, d, keys);
      double expected = Direct.dot(phi, w) + alpha * Math.sqrt(Direct.inverseQuadratic(a, phi, p));
      if (key >= keys) {
        // An unseen arm has its own untouched block: variance adds xᵀx/λ, mean adds nothing.
        double[] x = {0.3, -1.2, 1};
        double[] shared = java.util.Arrays.copyOf(phi, p);
        expected =
            Direct.dot(shared, w)
                + alpha
                    * Math.sqrt(Direct.inverseQuadratic(a, shared, p) + Direct.dot(x, x) / lambda);
      }
      assertThat(slate.get(0).score()).as("key " + key).isCloseTo(expected, within(1e-8));
    }
  }

  private static double[] joint(double[] z, double[] context, int key, int k, int d, int keys) {
    double[] phi = new double[k + keys * d];
    System.arraycopy(z, 0, phi, 0, k);
    if (key < keys) {
      System.arraycopy(context, 0, phi, k + key * d, d - 1);
      phi[k + key * d + d - 1] = 1;
    }
    return phi;
  }

  @Test
  void wrongDimensionsAndBadParametersAreRejected() {
    LinUcbPolicy policy = new LinUcbPolicy(1, 1, 3, FeatureMap.ARM, 0);
    Arm arm = new Arm("wide", 0, null, new double[] {1, 2, 3, 4}, -1);
    assertThatThrownBy(() -> policy.decide(context(List.of(arm), null, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arm 'wide'")
        .hasMessageContaining("length 4")
        .hasMessageContaining("d = 3");
    HybridLinUcbPolicy hybrid = new HybridLinUcbPolicy(1, 1, 4, 2, FeatureMap.ARM);
    assertThatThrownBy(() -> hybrid.decide(context(List.of(arm), new double[] {1}, 1)))
        .hasMessageContaining("contextDim = 2");
    assertThatThrownBy(() -> new LinUcbPolicy(-1, 1, 3, FeatureMap.ARM, 0))
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> new LinUcbPolicy(Double.NaN, 1, 3, FeatureMap.ARM, 0))
        .hasMessageContaining("alpha");
    assertThatThrownBy(() -> new LinUcbPolicy(1, 0, 3, FeatureMap.ARM, 0))
        .hasMessageContaining("lambda");
    assertThatThrownBy(() -> new LinUcbPolicy(1, 1, 0, FeatureMap.ARM, 0))
        .hasMessageContaining("d must be");
    assertThatThrownBy(() -> new LinUcbPolicy(1, 1, 3, FeatureMap.ARM, -2))
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new LinearThompsonPolicy(-0.1, 1, 3, FeatureMap.ARM, 8, 0))
        .hasMessageContaining("v must");
    assertThatThrownBy(() -> new LinearThompsonPolicy(0.1, 1, 3, FeatureMap.ARM, 0, 0))
        .hasMessageContaining("samples");
    assertThatThrownBy(() -> new HybridLinUcbPolicy(1, 1, 3, -1, FeatureMap.ARM))
        .hasMessageContaining("contextDim");
  }
}
