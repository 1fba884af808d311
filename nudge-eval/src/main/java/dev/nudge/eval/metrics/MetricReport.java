package dev.nudge.eval.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics of one evaluation, keyed by name ("ndcg@10", "hr@10", "mrr", "auc", "coverage@10",
 * ...), in a stable order.
 *
 * @param protocol the protocol used
 * @param lists how many ranked lists were averaged (users under full ranking, positives under
 *     sampling)
 * @param values metric name to value
 */
public record MetricReport(Protocol protocol, int lists, Map<String, Double> values) {

  public MetricReport {
    if (protocol == null) {
      throw new IllegalArgumentException("protocol must be set");
    }
    if (lists < 0) {
      throw new IllegalArgumentException("lists must be >= 0, got " + lists);
    }
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of a metric, failing with the known names when it was not computed. */
  public double get(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "'; have " + values.keySet());
    }
    return v;
  }

  /** One JSON object whose keys are the metric names. */
  public String toJson() {
    return values.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + number(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
  }
}
