package dev.nudge.bandit;

import dev.nudge.core.InputException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one spec as a factory sees them: typed getters with defaults, each failing with
 * an {@link InputException} naming {@code policy.parameter}. The getters record which keys the
 * factory knows, so {@link Policies} can reject a key no getter asked for ("unknown parameter
 * 'alpah'; known: alpha, lambda ..."). Not thread-safe; one per {@code create} call.
 */
public final class PolicyParams {
  private final PolicySpec spec;
  private final Policies registry;
  private final Set<String> known = new LinkedHashSet<>();

  PolicyParams(PolicySpec spec, Policies registry) {
    this.spec = spec;
    this.registry = registry;
  }

  /** The policy name being built. */
  public String policy() {
    return spec.name();
  }

  /** A finite real number, or {@code fallback} when absent. */
  public double real(String key, double fallback) {
    String raw = raw(key);
    if (raw == null) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw error(key, "must be a number, got '" + raw + "'");
    }
    if (!Double.isFinite(value)) {
      throw error(key, "must be a finite number, got '" + raw + "'");
    }
    return value;
  }

  /** An integer, or {@code fallback} when absent. */
  public int integer(String key, int fallback) {
    String raw = raw(key);
    return raw == null ? fallback : parseInt(key, raw);
  }

  /** An integer that must be given. */
  public int requiredInteger(String key) {
    String raw = raw(key);
    if (raw == null) {
      throw error(key, "is required (e.g. " + key + "=64)");
    }
    return parseInt(key, raw);
  }

  /** A feature map spelled {@code arm}, {@code arm+context} or {@code embedding}. */
  public FeatureMap features(String key, FeatureMap fallback) {
    String raw = raw(key);
    if (raw == null) {
      return fallback;
    }
    try {
      return FeatureMap.parse(raw);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A nested policy spec that must be given, built by the same registry. */
  public Policy policy(String key) {
    String raw = raw(key);
    if (raw == null) {
      throw error(key, "is required: the policy to wrap, e.g. " + key + "=ucb1(c=1.0)");
    }
    return registry.create(raw);
  }

  /** An {@link InputException} for a parameter, for checks the getters do not cover. */
  public InputException error(String key, String reason) {
    return InputException.forField(spec.name() + "." + key, reason);
  }

  Set<String> known() {
    return known;
  }

  Map<String, String> given() {
    return spec.params();
  }

  private String raw(String key) {
    known.add(key);
    return spec.params().get(key);
  }

  private int parseInt(String key, String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw error(key, "must be an integer, got '" + raw + "'");
    }
  }
}
