package dev.nudge.ranking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines per-task probabilities into one value: {@code sum over tasks of weight_t * p_t}. The
 * weights are the business's exchange rate between objectives (a like worth two clicks); tasks
 * without a weight count 0.
 *
 * @param weights weight per task name; finite
 */
public record ValueModel(Map<String, Double> weights) {

  public ValueModel {
    Objects.requireNonNull(weights, "weights");
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            "weight of task '" + e.getKey() + "' must be finite, got " + e.getValue());
      }
    }
  }

  /** Weights per task in the order of {@code tasks} (0 where absent). */
  public double[] weightsFor(List<String> tasks) {
    double[] w = new double[tasks.size()];
    for (int t = 0; t < w.length; t++) {
      w[t] = weights.getOrDefault(tasks.get(t), 0.0);
    }
    return w;
  }

  /** The value of one item's task scores under task order {@code tasks}. */
  public double value(List<String> tasks, double[] scores) {
    if (scores.length != tasks.size()) {
      throw new IllegalArgumentException(
          scores.length + " scores for " + tasks.size() + " tasks " + tasks);
    }
    double[] w = weightsFor(tasks);
    double v = 0;
    for (int t = 0; t < w.length; t++) {
      v += w[t] * scores[t];
    }
    return v;
  }

  /**
   * Parses "click=1,like=2" (a CLI option) into a value model.
   *
   * @throws dev.nudge.core.InputException naming the field when the text is malformed
   */
  public static ValueModel parse(String field, String text) {
    Map<String, Double> w = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw dev.nudge.core.InputException.forField(
            field, "expected task=weight pairs separated by commas, got '" + part + "'");
      }
      try {
        double v = Double.parseDouble(kv[1].trim());
        if (!Double.isFinite(v)) {
          throw new NumberFormatException("not finite");
        }
        w.put(kv[0].trim(), v);
      } catch (NumberFormatException e) {
        throw dev.nudge.core.InputException.forField(
            field, "weight of '" + kv[0].trim() + "' is not a finite number: '" + kv[1] + "'");
      }
    }
    return new ValueModel(w);
  }
}
