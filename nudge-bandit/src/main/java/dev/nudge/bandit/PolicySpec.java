package dev.nudge.bandit;

import dev.nudge.core.InputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed policy spec such as {@code linucb(alpha=1.0, lambda=1, d=64)}: a name and its parameters
 * as raw text, in the order written. A parameter value may itself be a spec ({@code
 * epsilon-mix(epsilon=0.05, policy=ucb1(c=1.0))}); it is kept as text and parsed when the factory
 * asks for it. Names and keys are case-sensitive.
 *
 * @param name the policy family, e.g. {@code linucb}
 * @param params parameter name to raw value text
 */
public record PolicySpec(String name, Map<String, String> params) {

  public PolicySpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Parses {@code name} or {@code name(key=value, ...)}.
   *
   * @throws InputException naming the spec and the character position when it is malformed
   */
  public static PolicySpec parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    String text = spec.strip();
    int open = text.indexOf('(');
    String name = (open < 0 ? text : text.substring(0, open)).strip();
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_.+-]+")) {
      throw fail(spec, 0, "expected a policy name such as linucb, got '" + name + "'");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (open < 0) {
      return new PolicySpec(name, params);
    }
    if (!text.endsWith(")")) {
      throw fail(spec, text.length(), "missing ')' at the end");
    }
    String body = text.substring(open + 1, text.length() - 1);
    int start = 0;
    int depth = 0;
    for (int i = 0; i <= body.length(); i++) {
      char c = i < body.length() ? body.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth < 0) {
          throw fail(spec, open + 1 + i, "unbalanced ')'");
        }
      } else if (c == ',' && depth == 0) {
        String part = body.substring(start, i).strip();
        if (!part.isEmpty() || i < body.length() || !params.isEmpty() || start > 0) {
          addParam(spec, open + 1 + start, part, params);
        }
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw fail(spec, text.length(), "unbalanced '('");
    }
    return new PolicySpec(name, params);
  }

  private static void addParam(String spec, int at, String part, Map<String, String> params) {
    int eq = part.indexOf('=');
    if (eq <= 0) {
      throw fail(spec, at, "expected key=value, got '" + part + "'");
    }
    String key = part.substring(0, eq).strip();
    String value = part.substring(eq + 1).strip();
    if (!key.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw fail(spec, at, "bad parameter name '" + key + "'");
    }
    if (value.isEmpty()) {
      throw fail(spec, at, "parameter '" + key + "' has no value");
    }
    if (params.put(key, value) != null) {
      throw fail(spec, at, "parameter '" + key + "' is given twice");
    }
  }

  private static InputException fail(String spec, int at, String reason) {
    return InputException.forField(
        "policy", "cannot parse '" + spec + "' at " + at + ": " + reason);
  }

  /** The spec as text, {@code name(k=v, ...)}, or just the name when it has no parameters. */
  @Override
  public String toString() {
    if (params.isEmpty()) {
      return name;
    }
    StringBuilder s = new StringBuilder(name).append('(');
    String sep = "";
    for (Map.Entry<String, String> e : params.entrySet()) {
      s.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ", ";
    }
    return s.append(')').toString();
  }
}
