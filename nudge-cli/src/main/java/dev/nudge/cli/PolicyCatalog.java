package dev.nudge.cli;

import dev.nudge.bandit.Policies;
import dev.nudge.bandit.neural.NeuralPolicies;
import dev.nudge.bandit.twostage.TwoStagePolicies;

/**
 * Every policy the command line can build by name: the one-stage policies of nudge-bandit plus the
 * neural and two-stage families. The composition root is the one place that assembles the registry.
 */
final class PolicyCatalog {
  private static final Policies REGISTRY =
      TwoStagePolicies.register(NeuralPolicies.register(Policies.builtIn()));

  private PolicyCatalog() {}

  static Policies registry() {
    return REGISTRY;
  }
}
