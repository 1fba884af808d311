package dev.nudge.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.bandit.mab.Ucb1Policy;
import dev.nudge.core.InputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PoliciesTest {
  private static final Policies REGISTRY = Policies.builtIn();

  @Test
  void listsEveryBuiltInPolicy() {
    assertThat(REGISTRY.names())
        .containsExactly(
            "beta-thompson",
            "epsilon-greedy",
            "epsilon-mix",
            "glm-ucb",
            "hybrid-linucb",
            "lints",
            "linucb",
            "n-glm-ucb",
            "random",
            "softmax",
            "ucb1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "random",
        "epsilon-greedy",
        "epsilon-greedy(epsilon=0.3, decay=0.5, optimistic=0.0, window=10)",
        "ucb1(c=2, discount=0.99)",
        "softmax(temperature=1)",
        "beta-thompson(alpha=1, beta=99, samples=64)",
        "linucb(alpha=1.0, lambda=1, d=64)",
        "linucb(d=8, features=embedding, window=100)",
        "hybrid-linucb(k=8, contextDim=3)",
        "lints(d=16, v=0.5, samples=10)",
        "glm-ucb(d=5, features=arm+context)",
        "n-glm-ucb(d=64, beta=0.2, window=200)",
        "epsilon-mix(policy=ucb1)",
        "epsilon-mix(epsilon=0.1, policy=epsilon-mix(policy=linucb(d=2)))"
      })
  void namesAreSpecsThatRebuildTheSamePolicy(String spec) {
    Policy policy = REGISTRY.create(spec);
    Policy rebuilt = REGISTRY.create(policy.name());
    assertThat(rebuilt.name()).isEqualTo(policy.name());
    assertThat(rebuilt.getClass()).isEqualTo(policy.getClass());
  }

  @Test
  void defaultsFollowTheAlgorithmReference() {
    assertThat(REGISTRY.create("epsilon-greedy").name()).isEqualTo("epsilon-greedy(epsilon=0.1)");
    assertThat(REGISTRY.create("glm-ucb(d=4)").name())
        .isEqualTo("glm-ucb(beta=0.1, lambda=1.0, d=4, features=arm)");
    assertThat(REGISTRY.create("linucb(d=4)").name())
        .isEqualTo("linucb(alpha=1.0, lambda=1.0, d=4, features=arm)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "epsilon-greedy(epsilon=-0.1)        | epsilon must be in [0, 1], got -0.1",
        "epsilon-greedy(epsilon=1.5)         | epsilon must be in [0, 1]",
        "epsilon-greedy(decay=-1)            | decay must be >= 0",
        "epsilon-greedy(epsilon=NaN)         | 'epsilon-greedy.epsilon': must be a finite number, got 'NaN'",
        "ucb1(c=-1)                          | c must be >= 0",
        "ucb1(discount=0)                    | discount must be in (0, 1]",
        "ucb1(discount=0.9, window=5)        | not both",
        "softmax(temperature=0)              | temperature must be > 0",
        "beta-thompson(alpha=0)              | alpha must be > 0",
        "beta-thompson(samples=1.5)          | 'beta-thompson.samples': must be an integer, got '1.5'",
        "linucb(alpha=-1, d=3)               | alpha must be >= 0",
        "linucb(d=3, lambda=0)               | lambda must be > 0",
        "linucb(alpha=1)                     | 'linucb.d': is required",
        "linucb(d=three)                     | must be an integer, got 'three'",
        "linucb(d=3, features=pixels)        | 'linucb.features': must be one of arm, arm+context, embedding",
        "linucb(d=3, alpah=1)                | 'linucb.alpah': unknown parameter; known parameters of linucb: [alpha, lambda, d, features, window]",
        "lints(d=3, v=-0.5)                  | v must be >= 0",
        "glm-ucb(d=3, beta=-0.1)             | beta must be >= 0",
        "glm-ucb(d=3, features=embedding)    | use n-glm-ucb for embeddings",
        "n-glm-ucb(d=3, features=arm)        | unknown parameter",
        "epsilon-mix(epsilon=0.1)            | 'epsilon-mix.policy': is required",
        "epsilon-mix(policy=ucb1(c=-2))      | c must be >= 0",
        "epsilon-mix(policy=nope)            | unknown policy 'nope'",
        "thompson                            | unknown policy 'thompson'; known policies: [beta-thompson, epsilon-greedy",
        "linucb(d=3                          | missing ')'",
        "linucb(d=3,)                        | expected key=value",
        "linucb(d)                           | expected key=value, got 'd'",
        "linucb(d=3, d=4)                    | parameter 'd' is given twice",
        "linucb(d=)                          | parameter 'd' has no value",
        "(d=3)                               | expected a policy name",
        "epsilon-mix(policy=ucb1(c=1)))      | unbalanced"
      })
  void badSpecsFailNamingTheParameter(String spec, String message) {
    assertThatThrownBy(() -> REGISTRY.create(spec.strip()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void configMapsBuildPoliciesIncludingNestedOnes() {
    Map<String, Object> linucb = new LinkedHashMap<>();
    linucb.put("name", "linucb");
    linucb.put("alpha", 0.5);
    linucb.put("d", 3);
    assertThat(REGISTRY.create(linucb).name())
        .isEqualTo("linucb(alpha=0.5, lambda=1.0, d=3, features=arm)");
    Map<String, Object> mix = new LinkedHashMap<>();
    mix.put("name", "epsilon-mix");
    mix.put("epsilon", 0.2);
    mix.put("policy", linucb);
    assertThat(REGISTRY.create(mix).name())
        .isEqualTo(
            "epsilon-mix(epsilon=0.2, policy=linucb(alpha=0.5, lambda=1.0, d=3, features=arm))");
    assertThatThrownBy(() -> REGISTRY.create(Map.of("alpha", 1)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'policy.name': is required");
    Map<String, Object> bad = new LinkedHashMap<>(linucb);
    bad.put("alpha", -2);
    assertThatThrownBy(() -> REGISTRY.create(bad)).hasMessageContaining("alpha must be >= 0");
  }

  @Test
  void moreFactoriesCanBeRegisteredWithoutTouchingTheBuiltIns() {
    Policies extended = REGISTRY.with("cautious-ucb", p -> new Ucb1Policy(p.real("c", 0.1), 1, 0));
    assertThat(extended.names()).contains("cautious-ucb", "linucb");
    assertThat(REGISTRY.names()).doesNotContain("cautious-ucb");
    assertThat(extended.create("cautious-ucb(c=0.2)").name()).isEqualTo("ucb1(c=0.2)");
    // Wrapped specs resolve through the same registry.
    assertThat(extended.create("epsilon-mix(policy=cautious-ucb)").name())
        .isEqualTo("epsilon-mix(epsilon=0.05, policy=ucb1(c=0.1))");
    assertThatThrownBy(() -> extended.with("linucb", p -> new RandomPolicy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> REGISTRY.with("bad name", p -> new RandomPolicy()))
        .hasMessageContaining("bad policy name");
    assertThat(Policies.empty().names()).isEmpty();
  }

  @Test
  void specsParseToNameAndOrderedParameters() {
    PolicySpec spec =
        PolicySpec.parse(" epsilon-mix( epsilon = 0.1 , policy=linucb(d=3, alpha=2) ) ");
    assertThat(spec.name()).isEqualTo("epsilon-mix");
    assertThat(spec.params())
        .containsExactly(Map.entry("epsilon", "0.1"), Map.entry("policy", "linucb(d=3, alpha=2)"));
    assertThat(spec.toString()).isEqualTo("epsilon-mix(epsilon=0.1, policy=linucb(d=3, alpha=2))");
    assertThat(PolicySpec.parse("random()").params()).isEmpty();
  }
}
