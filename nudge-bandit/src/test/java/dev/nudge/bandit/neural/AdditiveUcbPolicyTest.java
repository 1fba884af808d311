package dev.nudge.bandit.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AdditiveUcbPolicyTest {
  private static final int D1 = 5;
  private static final int D2 = 4;

  /** {@code v} in double precision, with a trailing 1 when {@code intercept}. */
  private static double[] augmented(float[] v, boolean intercept) {
    double[] out = new double[v.length + (intercept ? 1 : 0)];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    if (intercept) {
      out[v.length] = 1;
    }
    return out;
  }

  /** Learns 30 random rounds and replays the GLM steps from the definitions alongside. */
  private static void learnAndCheckFit(
      AdditiveUcbPolicy policy, GlmStep step, double gamma, double lr, boolean intercept) {
    RandomGenerator random = Seeds.random(3);
    List<double[]> xs = new ArrayList<>();
    List<double[]> zs = new ArrayList<>();
    int px = D1 + (intercept ? 1 : 0);
    int pz = D2 + (intercept ? 1 : 0);
    double[] tx = new double[px];
    double[] tz = new double[pz];
    for (int t = 0; t < 30; t++) {
      List<Arm> arms = Fixtures.arms(random, 4, D1);
      float[] user = Fixtures.unit(random, D2);
      DecisionContext context = Fixtures.context("e" + t, user, arms, 1);
      Arm arm = arms.get(t % 4);
      double reward = t % 3 == 0 ? 1 : 0;
      policy.learn(Fixtures.feedback(context, arm, reward));
      double[] x = augmented(arm.embedding(), intercept);
      double[] z = augmented(user, intercept);
      xs.add(x);
      zs.add(z);
      double logit = 0;
      for (int a = 0; a < px; a++) {
        logit += gamma * tx[a] * x[a];
      }
      for (int b = 0; b < pz; b++) {
        logit += (1 - gamma) * tz[b] * z[b];
      }
      double g = Fixtures.sigmoid(logit) - reward;
      double[] dx =
          step == GlmStep.GRADIENT ? x : Fixtures.times(Fixtures.inverse(Fixtures.gram(xs, px)), x);
      double[] dz =
          step == GlmStep.GRADIENT ? z : Fixtures.times(Fixtures.inverse(Fixtures.gram(zs, pz)), z);
      for (int a = 0; a < px; a++) {
        tx[a] -= lr * g * gamma * dx[a];
      }
      for (int b = 0; b < pz; b++) {
        tz[b] -= lr * g * (1 - gamma) * dz[b];
      }
    }
    assertThat(policy.itemCoefficients()).containsExactly(tx, offset(1e-10));
    assertThat(policy.userCoefficients()).containsExactly(tz, offset(1e-10));
  }

  @Test
  void preconditionedFitMatchesTheDirectComputation() {
    AdditiveUcbPolicy policy =
        new AdditiveUcbPolicy(
            D1, D2, 0.1, 0.3, AdditiveUcbPolicy.Form.PAPER, GlmStep.PRECONDITIONED, 0.8);
    learnAndCheckFit(policy, GlmStep.PRECONDITIONED, 0.3, 0.8, false);
  }

  @Test
  void interceptFitMatchesTheDirectComputationOnAugmentedVectors() {
    AdditiveUcbPolicy policy =
        new AdditiveUcbPolicy(
            D1, D2, 0.1, 0.3, AdditiveUcbPolicy.Form.PAPER, GlmStep.PRECONDITIONED, 0.8, true);
    learnAndCheckFit(policy, GlmStep.PRECONDITIONED, 0.3, 0.8, true);
    assertThat(policy.itemCoefficients()).hasSize(D1 + 1);
    assertThat(policy.userCoefficients()).hasSize(D2 + 1);
    AdditiveUcbPolicy gradient =
        new AdditiveUcbPolicy(
            D1, D2, 0.1, 0.6, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0.01, true);
    learnAndCheckFit(gradient, GlmStep.GRADIENT, 0.6, 0.01, true);
  }

  @Test
  void gradientFitMatchesTheDirectComputation() {
    AdditiveUcbPolicy policy =
        new AdditiveUcbPolicy(
            D1, D2, 0.1, 0.6, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0.01);
    learnAndCheckFit(policy, GlmStep.GRADIENT, 0.6, 0.01, false);
  }

  @Test
  void decisionScoresFollowEquation3() {
    checkDecisionScores(false);
  }

  @Test
  void decisionScoresWithAnInterceptFollowEquation3OnAugmentedVectors() {
    checkDecisionScores(true);
  }

  private static void checkDecisionScores(boolean intercept) {
    double beta = 0.7;
    double gamma = 0.3;
    int px = D1 + (intercept ? 1 : 0);
    int pz = D2 + (intercept ? 1 : 0);
    AdditiveUcbPolicy policy =
        new AdditiveUcbPolicy(
            D1,
            D2,
            beta,
            gamma,
            AdditiveUcbPolicy.Form.PAPER,
            GlmStep.PRECONDITIONED,
            1,
            intercept);
    RandomGenerator random = Seeds.random(5);
    List<double[]> xs = new ArrayList<>();
    List<double[]> zs = new ArrayList<>();
    for (int t = 0; t < 25; t++) {
      List<Arm> arms = Fixtures.arms(random, 3, D1);
      float[] user = Fixtures.unit(random, D2);
      policy.learn(Fixtures.feedback(Fixtures.context("e" + t, user, arms, 1), arms.get(0), t % 2));
      xs.add(augmented(arms.get(0).embedding(), intercept));
      zs.add(augmented(user, intercept));
    }
    DMatrixRMaj axInv = Fixtures.inverse(Fixtures.gram(xs, px));
    DMatrixRMaj azInv = Fixtures.inverse(Fixtures.gram(zs, pz));
    double[] tx = policy.itemCoefficients();
    double[] tz = policy.userCoefficients();
    List<Arm> arms = Fixtures.arms(random, 8, D1);
    float[] user = Fixtures.unit(random, D2);
    Slate slate = policy.decide(Fixtures.context("probe", user, arms, 8));
    double[] z = augmented(user, intercept);
    double previous = Double.POSITIVE_INFINITY;
    for (Slate.Entry e : slate.entries()) {
      double[] x = augmented(e.arm().embedding(), intercept);
      double logit = 0;
      for (int a = 0; a < px; a++) {
        logit += gamma * tx[a] * x[a];
      }
      for (int b = 0; b < pz; b++) {
        logit += (1 - gamma) * tz[b] * z[b];
      }
      double direct =
          Fixtures.sigmoid(logit)
              + beta
                  * (gamma * Math.sqrt(Fixtures.quadratic(axInv, x))
                      + (1 - gamma) * Math.sqrt(Fixtures.quadratic(azInv, z)));
      assertThat(e.score()).isCloseTo(direct, offset(1e-5));
      assertThat(policy.score(e.arm().embedding(), user)).isCloseTo(direct, offset(1e-12));
      assertThat(e.score()).isLessThanOrEqualTo(previous);
      assertThat(e.probability()).isEqualTo(1.0);
      previous = e.score();
    }
    assertThat(slate.probabilitiesEstimated()).isFalse();
  }

  @Test
  void itemOnlyFormIgnoresTheUser() {
    AdditiveUcbPolicy policy = AdditiveUcbPolicy.itemOnly(D1);
    RandomGenerator random = Seeds.random(9);
    List<double[]> xs = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      List<Arm> arms = Fixtures.arms(random, 3, D1);
      policy.learn(Fixtures.feedback(Fixtures.context("e" + t, null, arms, 1), arms.get(1), 1));
      xs.add(augmented(arms.get(1).embedding(), true));
    }
    // The factory's item-only form has an intercept: x enters as (x, 1).
    DMatrixRMaj axInv = Fixtures.inverse(Fixtures.gram(xs, D1 + 1));
    double[] tx = policy.itemCoefficients();
    List<Arm> arms = Fixtures.arms(random, 5, D1);
    Slate slate = policy.decide(Fixtures.context("probe", null, arms, 2));
    for (Slate.Entry e : slate.entries()) {
      double[] x = augmented(e.arm().embedding(), true);
      double logit = 0;
      for (int a = 0; a <= D1; a++) {
        logit += tx[a] * x[a];
      }
      double direct = Fixtures.sigmoid(logit) + 0.1 * Math.sqrt(Fixtures.quadratic(axInv, x));
      assertThat(e.score()).isCloseTo(direct, offset(1e-5));
    }
    assertThat(policy.name()).startsWith("s-n-galm-ucb-item(");
  }

  @Test
  void budgetScoresARandomSubset() {
    AdditiveUcbPolicy policy = AdditiveUcbPolicy.paper(D1, D2);
    RandomGenerator random = Seeds.random(1);
    List<Arm> arms = Fixtures.arms(random, 50, D1);
    DecisionContext context =
        new DecisionContext(
            "b", 0, Fixtures.unit(random, D2), null, arms, 2, 10, Seeds.forEvent("b"));
    Slate slate = policy.decide(context);
    assertThat(slate.size()).isEqualTo(2);
    assertThat(slate.probabilitiesEstimated()).isTrue();
    Slate again =
        policy.decide(
            new DecisionContext(
                "b", 0, context.userEmbedding(), null, arms, 2, 10, Seeds.forEvent("b")));
    assertThat(again.entries()).isEqualTo(slate.entries());
  }

  /** A policy that has learned from a few rounds, so that its state is not the prior. */
  private static AdditiveUcbPolicy trained(RandomGenerator random) {
    AdditiveUcbPolicy policy = AdditiveUcbPolicy.paper(D1, D2);
    for (int t = 0; t < 20; t++) {
      List<Arm> arms = Fixtures.arms(random, 4, D1);
      DecisionContext c = Fixtures.context("t" + t, Fixtures.unit(random, D2), arms, 1);
      policy.learn(Fixtures.feedback(c, arms.get(t % 4), t % 2));
    }
    return policy;
  }

  @Test
  void rememberedItemTermsNeverChangeADecision() {
    RandomGenerator random = Seeds.random(11);
    AdditiveUcbPolicy learning = trained(random);
    List<Arm> catalogue = Fixtures.arms(random, 30, D1);
    List<float[]> users = new ArrayList<>();
    for (int u = 0; u < 8; u++) {
      users.add(Fixtures.unit(random, D2));
    }
    AdditiveUcbPolicy serving = learning.copy();
    assertThat(serving.rememberedItems()).isZero();
    for (int pass = 0; pass < 2; pass++) { // the second pass reads only remembered terms
      for (int u = 0; u < users.size(); u++) {
        DecisionContext c = Fixtures.context("u" + u, users.get(u), catalogue, 5);
        assertThat(serving.decide(c).entries()).isEqualTo(learning.copy().decide(c).entries());
      }
      assertThat(serving.rememberedItems()).isEqualTo(catalogue.size());
    }
    // A new model: the same keys with new vectors are scored afresh, not from memory.
    List<Arm> swapped = Fixtures.arms(random, 30, D1);
    DecisionContext c = Fixtures.context("swap", users.get(0), swapped, 5);
    assertThat(serving.decide(c).entries()).isEqualTo(learning.copy().decide(c).entries());
    // An update forgets them all: they depend on A_x and the head.
    serving.learn(Fixtures.feedback(c, swapped.get(0), 1));
    assertThat(serving.rememberedItems()).isZero();
    learning.learn(Fixtures.feedback(c, swapped.get(0), 1));
    assertThat(serving.decide(c).entries()).isEqualTo(learning.copy().decide(c).entries());
  }

  @Test
  void decisionsOnManyThreadsEqualSequentialOnes() throws Exception {
    RandomGenerator random = Seeds.random(12);
    AdditiveUcbPolicy learning = trained(random);
    List<Arm> catalogue = Fixtures.arms(random, 200, D1);
    List<DecisionContext> contexts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Each context's own slice of the catalogue, so that threads fill the memory in any order.
      List<Arm> slice = catalogue.subList(i % 150, i % 150 + 50);
      contexts.add(Fixtures.context("c" + i, Fixtures.unit(random, D2), slice, 3));
    }
    List<List<Slate.Entry>> sequential = new ArrayList<>();
    for (DecisionContext c : contexts) {
      sequential.add(learning.copy().decide(c).entries());
    }
    AdditiveUcbPolicy shared = learning.copy();
    List<java.util.concurrent.Future<List<Slate.Entry>>> parallel = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (DecisionContext c : contexts) {
        parallel.add(pool.submit(() -> shared.decide(c).entries()));
      }
      for (int i = 0; i < contexts.size(); i++) {
        assertThat(parallel.get(i).get()).as("context %d", i).isEqualTo(sequential.get(i));
      }
    }
  }

  @Test
  void restoreThenContinueMatchesAnUninterruptedRun() throws IOException {
    Rounds.assertRestoreContinuesIdentically(() -> AdditiveUcbPolicy.paper(D1, D2), D1, D2);
    Rounds.assertRestoreContinuesIdentically(() -> AdditiveUcbPolicy.itemOnly(D1), D1, D2);
    Rounds.assertRestoreContinuesIdentically(
        () ->
            new AdditiveUcbPolicy(
                D1, D2, 0.1, 0.5, AdditiveUcbPolicy.Form.PAPER, GlmStep.PRECONDITIONED, 1, false),
        D1,
        D2);
  }

  @Test
  void aStateSavedWithoutAnInterceptIsRefusedByOneWithAnIntercept() throws IOException {
    AdditiveUcbPolicy without =
        new AdditiveUcbPolicy(
            D1, D2, 0.1, 0.5, AdditiveUcbPolicy.Form.PAPER, GlmStep.PRECONDITIONED, 1, false);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    without.writeState(new java.io.DataOutputStream(bytes));
    AdditiveUcbPolicy with = AdditiveUcbPolicy.paper(D1, D2);
    assertThatThrownBy(
            () ->
                with.readState(
                    new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(bytes.toByteArray()))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("state dimension 0 is " + D1 + ", policy has " + (D1 + 1));
  }

  @Test
  void badParametersAndInputsFailClearly() {
    assertThatThrownBy(
            () ->
                new AdditiveUcbPolicy(
                    4, 4, -0.1, 0.5, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0.01))
        .hasMessageContaining("beta must be finite and >= 0, got -0.1");
    assertThatThrownBy(
            () ->
                new AdditiveUcbPolicy(
                    4, 4, 0.1, 1.5, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0.01))
        .hasMessageContaining("gamma must be in [0, 1], got 1.5");
    assertThatThrownBy(
            () ->
                new AdditiveUcbPolicy(
                    4, 4, 0.1, 0.5, AdditiveUcbPolicy.Form.ITEM_ONLY, GlmStep.GRADIENT, 0.01))
        .hasMessageContaining("gamma must be 1 for the item-only form");
    assertThatThrownBy(
            () ->
                new AdditiveUcbPolicy(
                    0, 4, 0.1, 0.5, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0.01))
        .hasMessageContaining("itemDimension must be >= 1, got 0");
    assertThatThrownBy(
            () ->
                new AdditiveUcbPolicy(
                    4, 4, 0.1, 0.5, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0))
        .hasMessageContaining("learningRate must be finite and > 0, got 0.0");
    AdditiveUcbPolicy policy = AdditiveUcbPolicy.paper(D1, D2);
    RandomGenerator random = Seeds.random(2);
    List<Arm> wrongItems = Fixtures.arms(random, 3, D1 + 1);
    assertThatThrownBy(
            () -> policy.decide(Fixtures.context("x", Fixtures.unit(random, D2), wrongItems, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arm 'item-0' has an embedding of length 6, expected 5");
    List<Arm> items = Fixtures.arms(random, 3, D1);
    assertThatThrownBy(
            () -> policy.decide(Fixtures.context("y", Fixtures.unit(random, D2 + 2), items, 1)))
        .hasMessageContaining("userEmbedding has length 6, expected 4");
  }
}
