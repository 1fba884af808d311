package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.Policies;
import dev.nudge.bandit.neural.NeuralPolicies;
import dev.nudge.bandit.twostage.TwoStagePolicies;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

  @Test
  void theCatalogIsTheRegistryWhoseEveryPolicyHasALearningTest() {
    // nudge-simulation's WorldLearningTest composes the registry this way and fails unless every
    // learning policy in it has a case; a family registered in the catalogue alone would escape it.
    Policies composed = TwoStagePolicies.register(NeuralPolicies.register(Policies.builtIn()));
    assertThat(PolicyCatalog.registry().names())
        .isEqualTo(composed.names())
        .contains("random", "s-n-gblm-ucb", "two-stage");
  }
}
