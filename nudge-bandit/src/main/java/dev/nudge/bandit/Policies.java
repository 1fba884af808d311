package dev.nudge.bandit;

import dev.nudge.bandit.glm.GlmUcbPolicy;
import dev.nudge.bandit.linear.HybridLinUcbPolicy;
import dev.nudge.bandit.linear.LinUcbPolicy;
import dev.nudge.bandit.linear.LinearThompsonPolicy;
import dev.nudge.bandit.mab.BetaThompsonPolicy;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.bandit.mab.RandomPolicy;
import dev.nudge.bandit.mab.SoftmaxPolicy;
import dev.nudge.bandit.mab.Ucb1Policy;
import dev.nudge.core.InputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds policies from specs such as {@code linucb(alpha=1.0, lambda=1, d=64)} or from config maps
 * ({@code {name: linucb, alpha: 1.0, d: 64}}). A registry is an immutable map from policy name to
 * {@link Factory}; {@link #builtIn()} knows every one-stage policy of this module, and other
 * modules add theirs in plain code, without reflection:
 *
 * <pre>{@code
 * Policies registry = Policies.builtIn()
 *     .with("s-n-galm-ucb", params -> new SharedAdditivePolicy(params.real("beta", 0.1), ...));
 * }</pre>
 *
 * <p>Every policy's {@link Policy#name()} is itself a spec that builds an equal policy, which is
 * how {@link PolicySnapshots} names the policy a snapshot belongs to. Errors are {@link
 * InputException}s naming the policy and parameter: unknown policy (with the known names), unknown
 * parameter (with the known ones), a value of the wrong type or out of range. Thread-safe.
 */
public final class Policies {
  /** Builds one policy family from its parameters. */
  @FunctionalInterface
  public interface Factory {
    /**
     * Reads parameters through {@code params} (which records the known keys) and builds the policy;
     * an {@link IllegalArgumentException} from a constructor becomes an {@link InputException}.
     */
    Policy create(PolicyParams params);
  }

  private final SortedMap<String, Factory> factories;

  private Policies(SortedMap<String, Factory> factories) {
    this.factories = Collections.unmodifiableSortedMap(factories);
  }

  /** An empty registry, for callers that want to choose every factory themselves. */
  public static Policies empty() {
    return new Policies(new TreeMap<>());
  }

  /** The one-stage policies of this module. */
  public static Policies builtIn() {
    return BUILT_IN;
  }

  private static final Policies BUILT_IN =
      empty()
          .with("random", p -> new RandomPolicy())
          .with(
              "epsilon-greedy",
              p ->
                  new EpsilonGreedyPolicy(
                      p.real("epsilon", EpsilonGreedyPolicy.DEFAULT_EPSILON),
                      p.real("decay", 0),
                      p.real("optimistic", 1),
                      p.real("discount", 1),
                      p.integer("window", 0)))
          .with(
              "ucb1",
              p ->
                  new Ucb1Policy(
                      p.real("c", Ucb1Policy.DEFAULT_C),
                      p.real("discount", 1),
                      p.integer("window", 0)))
          .with(
              "softmax",
              p ->
                  new SoftmaxPolicy(
                      p.real("temperature", SoftmaxPolicy.DEFAULT_TEMPERATURE),
                      p.real("optimistic", 1),
                      p.real("discount", 1),
                      p.integer("window", 0)))
          .with(
              "beta-thompson",
              p ->
                  new BetaThompsonPolicy(
                      p.real("alpha", BetaThompsonPolicy.DEFAULT_ALPHA),
                      p.real("beta", BetaThompsonPolicy.DEFAULT_BETA),
                      p.integer("samples", BetaThompsonPolicy.DEFAULT_PROBABILITY_SAMPLES),
                      p.real("discount", 1),
                      p.integer("window", 0)))
          .with(
              "linucb",
              p ->
                  new LinUcbPolicy(
                      p.real("alpha", LinUcbPolicy.DEFAULT_ALPHA),
                      p.real("lambda", LinUcbPolicy.DEFAULT_LAMBDA),
                      p.requiredInteger("d"),
                      p.features("features", FeatureMap.ARM),
                      p.integer("window", 0)))
          .with(
              "hybrid-linucb",
              p ->
                  new HybridLinUcbPolicy(
                      p.real("alpha", LinUcbPolicy.DEFAULT_ALPHA),
                      p.real("lambda", LinUcbPolicy.DEFAULT_LAMBDA),
                      p.requiredInteger("k"),
                      p.integer("contextDim", 0),
                      p.features("features", FeatureMap.ARM)))
          .with(
              "lints",
              p ->
                  new LinearThompsonPolicy(
                      p.real("v", LinearThompsonPolicy.DEFAULT_V),
                      p.real("lambda", LinearThompsonPolicy.DEFAULT_LAMBDA),
                      p.requiredInteger("d"),
                      p.features("features", FeatureMap.ARM),
                      p.integer("samples", LinearThompsonPolicy.DEFAULT_SAMPLES),
                      p.integer("window", 0)))
          .with(
              "glm-ucb",
              p -> {
                FeatureMap features = p.features("features", FeatureMap.ARM);
                if (features == FeatureMap.EMBEDDING) {
                  throw p.error("features", "use n-glm-ucb for embeddings");
                }
                return new GlmUcbPolicy(
                    p.real("beta", GlmUcbPolicy.DEFAULT_BETA),
                    p.real("lambda", GlmUcbPolicy.DEFAULT_LAMBDA),
                    p.requiredInteger("d"),
                    features,
                    p.integer("window", 0));
              })
          .with(
              "n-glm-ucb",
              p ->
                  new GlmUcbPolicy(
                      p.real("beta", GlmUcbPolicy.DEFAULT_BETA),
                      p.real("lambda", GlmUcbPolicy.DEFAULT_LAMBDA),
                      p.requiredInteger("d"),
                      FeatureMap.EMBEDDING,
                      p.integer("window", 0)))
          .with(
              "epsilon-mix",
              p ->
                  new EpsilonMix(
                      p.policy("policy"), p.real("epsilon", EpsilonMix.DEFAULT_EPSILON)));

  /**
   * A registry with one more factory. Registries are immutable, so this returns a new one.
   *
   * @throws IllegalArgumentException if the name is taken or malformed
   */
  public Policies with(String name, Factory factory) {
    Objects.requireNonNull(factory, "factory");
    if (name == null || !name.matches("[A-Za-z0-9_.+-]+")) {
      throw new IllegalArgumentException("bad policy name '" + name + "'");
    }
    if (factories.containsKey(name)) {
      throw new IllegalArgumentException("policy '" + name + "' is already registered");
    }
    TreeMap<String, Factory> more = new TreeMap<>(factories);
    more.put(name, factory);
    return new Policies(more);
  }

  /** The registered policy names, sorted. */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(factories.keySet()));
  }

  /**
   * Builds a policy from a spec string.
   *
   * @throws InputException for a malformed spec, an unknown policy or parameter, or a bad value
   */
  public Policy create(String spec) {
    return create(PolicySpec.parse(spec));
  }

  /**
   * Builds a policy from a config map: key {@code name} names the policy, the other keys are its
   * parameters; values are scalars, or (for a wrapped policy) a spec string or a nested map.
   */
  public Policy create(Map<String, ?> config) {
    return create(toSpec(config, "policy"));
  }

  /** Builds a policy from a parsed spec. */
  public Policy create(PolicySpec spec) {
    Factory factory = factories.get(spec.name());
    if (factory == null) {
      throw InputException.forField(
          "policy", "unknown policy '" + spec.name() + "'; known policies: " + names());
    }
    PolicyParams params = new PolicyParams(spec, this);
    Policy policy;
    try {
      policy = factory.create(params);
    } catch (IllegalArgumentException e) {
      throw InputException.forField(spec.name(), e.getMessage());
    }
    for (String key : params.given().keySet()) {
      if (!params.known().contains(key)) {
        throw params.error(
            key, "unknown parameter; known parameters of " + spec.name() + ": " + params.known());
      }
    }
    return policy;
  }

  private static PolicySpec toSpec(Map<String, ?> config, String where) {
    Object name = config.get("name");
    if (!(name instanceof String text) || text.isBlank()) {
      throw InputException.forField(where + ".name", "is required: the policy name");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : config.entrySet()) {
      if (e.getKey().equals("name")) {
        continue;
      }
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested) {
        Map<String, Object> typed = new LinkedHashMap<>();
        nested.forEach((k, v) -> typed.put(String.valueOf(k), v));
        params.put(e.getKey(), toSpec(typed, where + "." + e.getKey()).toString());
      } else if (value == null) {
        throw InputException.forField(text + "." + e.getKey(), "has no value");
      } else {
        params.put(e.getKey(), String.valueOf(value));
      }
    }
    return new PolicySpec(text, params);
  }
}
