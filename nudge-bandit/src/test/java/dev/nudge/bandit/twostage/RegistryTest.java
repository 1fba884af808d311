package dev.nudge.bandit.twostage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.Policies;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.neural.AdditiveUcbPolicy;
import dev.nudge.bandit.neural.BilinearUcbPolicy;
import dev.nudge.bandit.neural.EmbeddingDropoutSampler;
import dev.nudge.bandit.neural.GlmStep;
import dev.nudge.bandit.neural.NeuralDropoutUcbPolicy;
import dev.nudge.bandit.neural.NeuralGreedyPolicy;
import dev.nudge.bandit.neural.NeuralPolicies;
import dev.nudge.core.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every neural and two-stage policy's name is a spec the registry rebuilds into an equal policy.
 */
class RegistryTest {
  private static final Policies REGISTRY =
      TwoStagePolicies.register(NeuralPolicies.register(Policies.builtIn()));

  @Test
  void namesRoundTripThroughTheRegistry() {
    List<Policy> policies =
        List.of(
            new NeuralGreedyPolicy(),
            NeuralDropoutUcbPolicy.paper(new EmbeddingDropoutSampler()),
            AdditiveUcbPolicy.paper(8, 6),
            AdditiveUcbPolicy.itemOnly(8),
            new AdditiveUcbPolicy(
                4, 4, 0.3, 0.2, AdditiveUcbPolicy.Form.PAPER, GlmStep.GRADIENT, 0.05),
            BilinearUcbPolicy.exact(5, 4),
            BilinearUcbPolicy.kronecker(5, 4),
            new BilinearUcbPolicy(
                3, 3, 0.2, BilinearUcbPolicy.Bonus.EXACT, GlmStep.GRADIENT, 0.001),
            TwoStagePolicy.of(new EpsilonGreedyPolicy(0.1), BilinearUcbPolicy.exact(4, 4), 20));
    for (Policy policy : policies) {
      assertThat(REGISTRY.create(policy.name()).name()).isEqualTo(policy.name());
    }
  }

  @Test
  void theAdditivePoliciesHaveAnInterceptUnlessBiasIsZero() {
    assertThat(REGISTRY.create("s-n-galm-ucb(d1=4)").name()).contains("bias=1");
    assertThat(REGISTRY.create("s-n-galm-ucb-item(d1=4)").name()).contains("bias=1");
    assertThat(REGISTRY.create("s-n-galm-ucb(d1=4, bias=0)").name()).contains("bias=0");
    assertThat(((AdditiveUcbPolicy) REGISTRY.create("s-n-galm-ucb(d1=4, d2=3)")).itemCoefficients())
        .hasSize(5);
  }

  @Test
  void badSpecsFailWithTheParameterNamed() {
    assertThatThrownBy(() -> REGISTRY.create("s-n-gblm-ucb(beta=0.1)"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("d1");
    assertThatThrownBy(() -> REGISTRY.create("s-n-galm-ucb(d1=4, gradient=2)"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("gradient");
    assertThatThrownBy(() -> REGISTRY.create("s-n-galm-ucb-item(d1=4, bias=2)"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bias");
    assertThatThrownBy(() -> REGISTRY.create("s-n-galm-ucb(d1=4, gamma=2)"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("gamma must be in [0, 1], got 2.0");
  }
}
