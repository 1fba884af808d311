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

class BilinearUcbPolicyTest {
  private static final int D1 = 4;
  private static final int D2 = 3;

  /** Learns 30 rounds; replays Θ̂'s steps from the definitions with an explicit W. */
  private static List<double[]> learnAndCheckFit(
      BilinearUcbPolicy policy, GlmStep step, double lr) {
    RandomGenerator random = Seeds.random(21);
    List<double[]> vs = new ArrayList<>();
    double[] theta = new double[D1 * D2];
    for (int t = 0; t < 30; t++) {
      List<Arm> arms = Fixtures.arms(random, 4, D1);
      float[] user = Fixtures.unit(random, D2);
      Arm arm = arms.get(t % 4);
      double reward = t % 4 == 1 ? 1 : 0;
      policy.learn(Fixtures.feedback(Fixtures.context("e" + t, user, arms, 1), arm, reward));
      double[] v =
          Fixtures.outer(NeuralSlates.toDouble(arm.embedding()), NeuralSlates.toDouble(user));
      vs.add(v);
      double logit = 0;
      for (int i = 0; i < v.length; i++) {
        logit += theta[i] * v[i];
      }
      double g = Fixtures.sigmoid(logit) - reward;
      double[] direction =
          step == GlmStep.GRADIENT
              ? v
              : Fixtures.times(Fixtures.inverse(Fixtures.gram(vs, D1 * D2)), v);
      for (int i = 0; i < v.length; i++) {
        theta[i] -= lr * g * direction[i];
      }
    }
    assertThat(policy.coefficients()).containsExactly(theta, offset(1e-10));
    return vs;
  }

  @Test
  void preconditionedFitMatchesTheDirectComputation() {
    learnAndCheckFit(
        new BilinearUcbPolicy(
            D1, D2, 0.1, BilinearUcbPolicy.Bonus.EXACT, GlmStep.PRECONDITIONED, 1),
        GlmStep.PRECONDITIONED,
        1);
  }

  @Test
  void gradientFitMatchesTheDirectComputation() {
    learnAndCheckFit(
        new BilinearUcbPolicy(D1, D2, 0.1, BilinearUcbPolicy.Bonus.EXACT, GlmStep.GRADIENT, 0.001),
        GlmStep.GRADIENT,
        0.001);
  }

  @Test
  void decisionScoresFollowEquation4() {
    double beta = 0.5;
    BilinearUcbPolicy policy =
        new BilinearUcbPolicy(
            D1, D2, beta, BilinearUcbPolicy.Bonus.EXACT, GlmStep.PRECONDITIONED, 1);
    List<double[]> vs = learnAndCheckFit(policy, GlmStep.PRECONDITIONED, 1);
    DMatrixRMaj wInv = Fixtures.inverse(Fixtures.gram(vs, D1 * D2));
    double[] theta = policy.coefficients();
    RandomGenerator random = Seeds.random(22);
    List<Arm> arms = Fixtures.arms(random, 9, D1);
    float[] user = Fixtures.unit(random, D2);
    Slate slate = policy.decide(Fixtures.context("probe", user, arms, 9));
    double[] z = NeuralSlates.toDouble(user);
    double previous = Double.POSITIVE_INFINITY;
    for (Slate.Entry e : slate.entries()) {
      double[] v = Fixtures.outer(NeuralSlates.toDouble(e.arm().embedding()), z);
      double logit = 0;
      for (int i = 0; i < v.length; i++) {
        logit += theta[i] * v[i];
      }
      double direct = Fixtures.sigmoid(logit) + beta * Math.sqrt(Fixtures.quadratic(wInv, v));
      assertThat(e.score()).as(e.arm().id()).isCloseTo(direct, offset(1e-5));
      assertThat(e.score()).isLessThanOrEqualTo(previous);
      previous = e.score();
    }
  }

  @Test
  void restoreThenContinueMatchesAnUninterruptedRun() throws IOException {
    Rounds.assertRestoreContinuesIdentically(() -> BilinearUcbPolicy.exact(6, 5), 6, 5);
    Rounds.assertRestoreContinuesIdentically(() -> BilinearUcbPolicy.kronecker(6, 5), 6, 5);
  }

  @Test
  void stateOfTheOtherBonusIsRejected() throws IOException {
    BilinearUcbPolicy exact = BilinearUcbPolicy.exact(3, 3);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    exact.writeState(new java.io.DataOutputStream(bytes));
    BilinearUcbPolicy kron = BilinearUcbPolicy.kronecker(3, 3);
    assertThatThrownBy(
            () ->
                kron.readState(
                    new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(bytes.toByteArray()))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("written by 'bilinear-inverse-exact'");
  }

  @Test
  void badParametersAndInputsFailClearly() {
    assertThatThrownBy(
            () ->
                new BilinearUcbPolicy(
                    4, 4, -1, BilinearUcbPolicy.Bonus.EXACT, GlmStep.GRADIENT, 0.001))
        .hasMessageContaining("beta must be finite and >= 0, got -1.0");
    assertThatThrownBy(
            () ->
                new BilinearUcbPolicy(
                    4, 0, 0.1, BilinearUcbPolicy.Bonus.EXACT, GlmStep.GRADIENT, 0.001))
        .hasMessageContaining("userDimension must be >= 1, got 0");
    assertThatThrownBy(
            () ->
                new BilinearUcbPolicy(
                    4, 4, 0.1, BilinearUcbPolicy.Bonus.KRONECKER, GlmStep.GRADIENT, Double.NaN))
        .hasMessageContaining("learningRate must be finite and > 0, got NaN");
    BilinearUcbPolicy policy = BilinearUcbPolicy.exact(D1, D2);
    RandomGenerator random = Seeds.random(2);
    List<Arm> arms = Fixtures.arms(random, 3, D1);
    assertThatThrownBy(
            () -> policy.decide(Fixtures.context("x", Fixtures.unit(random, D2 + 1), arms, 1)))
        .hasMessageContaining("s-n-gblm-ucb: userEmbedding has length 4, expected 3");
    DecisionContext noUser = Fixtures.context("y", null, arms, 1);
    assertThatThrownBy(() -> policy.learn(Fixtures.feedback(noUser, arms.get(0), 1)))
        .hasMessageContaining("userEmbedding has length 0, expected 3");
  }
}
