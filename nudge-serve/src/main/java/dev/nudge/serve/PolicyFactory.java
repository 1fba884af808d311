package dev.nudge.serve;

import dev.nudge.bandit.Policies;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.PolicySpec;
import dev.nudge.bandit.neural.NeuralPolicies;
import dev.nudge.core.InputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds the policy a config names. The config's {@code policy} is a spec of the project's policy
 * registry ({@code epsilon-greedy}, {@code linucb(alpha=1, d=64, features=arm+context)}, ...);
 * {@code params} adds or overrides numeric parameters, and {@code exploration} becomes the {@code
 * epsilon} of the policies that have one unless the spec sets it.
 */
@FunctionalInterface
public interface PolicyFactory {

  /**
   * A fresh policy.
   *
   * @throws ApiProblem naming {@code policy} or {@code params.<name>} when the config is invalid
   */
  Policy create(ServiceConfig config);

  /** Policies whose exploration rate is their {@code epsilon} parameter. */
  Set<String> EPSILON_POLICIES = Set.of("epsilon-greedy", "epsilon-mix");

  /**
   * The project's built-in one-stage policies and the neural ones (n-greedy, n-dropout-ucb,
   * s-n-galm-ucb, s-n-gblm-ucb, ...), which decide on the vectors {@link EmbeddingResolver} builds.
   */
  static PolicyFactory builtIn() {
    return of(NeuralPolicies.register(Policies.builtIn()));
  }

  /** Policies from a registry (the CLI may add its own factories). */
  static PolicyFactory of(Policies registry) {
    return config -> {
      PolicySpec spec;
      try {
        spec = PolicySpec.parse(config.policy());
      } catch (InputException e) {
        throw ApiProblem.badField("policy", e.getMessage());
      }
      Map<String, String> params = new LinkedHashMap<>(spec.params());
      config.params().forEach((k, v) -> params.put(k, number(v)));
      if (EPSILON_POLICIES.contains(spec.name()) && !params.containsKey("epsilon")) {
        params.put("epsilon", number(config.exploration()));
      }
      try {
        return registry.create(new PolicySpec(spec.name(), params));
      } catch (InputException e) {
        String field = e.field().orElse("policy");
        String key =
            field.startsWith(spec.name() + ".") ? field.substring(spec.name().length() + 1) : null;
        if (key != null && config.params().containsKey(key)) {
          throw ApiProblem.badField("params." + key, e.getMessage());
        }
        throw ApiProblem.badField("policy", e.getMessage());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badField("policy", e.getMessage());
      }
    };
  }

  /** Integers without a fraction ("64", not "64.0"), so integer parameters accept them. */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
