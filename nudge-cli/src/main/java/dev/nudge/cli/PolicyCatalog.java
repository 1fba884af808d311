package dev.nudge.cli;

import dev.nudge.bandit.Policies;

/**
 * Every policy the command line can build by name: the one-stage policies of nudge-bandit plus the
 * neural and two-stage families. The composition root is the one place that assembles the registry.
 */
final class PolicyCatalog {
  private static final Policies REGISTRY = Policies.builtIn();

  private PolicyCatalog() {}

  static Policies registry() {
    return REGISTRY;
  }
}
