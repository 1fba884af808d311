package dev.nudge.serve;

import dev.nudge.bandit.Policy;
import dev.nudge.bandit.mab.BetaThompsonPolicy;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.mab.RandomPolicy;
import java.util.List;
import java.util.Map;

/**
 * Builds the policy a config names. The caller may pass its own (the CLI passes the project's
 * policy registry once it has one); {@link #builtIn()} knows the context-free policies.
 */
@FunctionalInterface
public interface PolicyFactory {

  /**
   * A fresh policy.
   *
   * @throws ApiProblem naming {@code policy} or {@code params.<name>} when the config is invalid
   */
  Policy create(ServiceConfig config);

  /** The names {@link #builtIn()} accepts. */
  List<String> BUILT_IN = List.of("epsilon-greedy", "beta-thompson", "random");

  /** epsilon-greedy (exploration = ε), beta-thompson (params alpha, beta), random. */
  static PolicyFactory builtIn() {
    return config -> {
      Map<String, Double> p = config.params();
      try {
        return switch (config.policy()) {
          case "epsilon-greedy" -> {
            onlyParams(p, List.of("optimisticMean"));
            yield new EpsilonGreedyPolicy(
                config.exploration(), p.getOrDefault("optimisticMean", 1.0));
          }
          case "beta-thompson" -> {
            onlyParams(p, List.of("alpha", "beta"));
            yield new BetaThompsonPolicy(
                p.getOrDefault("alpha", BetaThompsonPolicy.DEFAULT_ALPHA),
                p.getOrDefault("beta", BetaThompsonPolicy.DEFAULT_BETA),
                BetaThompsonPolicy.DEFAULT_PROBABILITY_SAMPLES);
          }
          case "random" -> {
            onlyParams(p, List.of());
            yield new RandomPolicy();
          }
          default ->
              throw ApiProblem.badField(
                  "policy", "unknown policy '" + config.policy() + "'; known: " + BUILT_IN);
        };
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badField("params", e.getMessage());
      }
    };
  }

  private static void onlyParams(Map<String, Double> params, List<String> allowed) {
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiProblem.badField(
            "params." + name, "is not a parameter of this policy; allowed: " + allowed);
      }
    }
  }
}
