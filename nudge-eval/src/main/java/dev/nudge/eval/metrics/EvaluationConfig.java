package dev.nudge.eval.metrics;

import java.util.List;

/**
 * How to evaluate.
 *
 * @param protocol which candidates each positive is ranked against
 * @param cutoffs the K of every @K metric, each >= 1
 * @param sampledNegatives negatives per positive under {@link Protocol#SAMPLED_100}
 * @param tailFraction share of least popular items that form the long tail
 * @param seed root seed of the negative sampling
 */
public record EvaluationConfig(
    Protocol protocol,
    List<Integer> cutoffs,
    int sampledNegatives,
    double tailFraction,
    long seed) {

  /** The cutoffs reported by default. */
  public static final List<Integer> DEFAULT_CUTOFFS = List.of(5, 10, 20);

  public EvaluationConfig {
    if (protocol == null) {
      throw new IllegalArgumentException("protocol must be set");
    }
    cutoffs = List.copyOf(cutoffs == null ? DEFAULT_CUTOFFS : cutoffs);
    if (cutoffs.isEmpty() || cutoffs.stream().anyMatch(k -> k < 1)) {
      throw new IllegalArgumentException(
          "cutoffs must be a non-empty list of K >= 1, got " + cutoffs);
    }
    if (sampledNegatives < 1) {
      throw new IllegalArgumentException("sampledNegatives must be >= 1, got " + sampledNegatives);
    }
    if (!(tailFraction > 0 && tailFraction < 1)) {
      throw new IllegalArgumentException("tailFraction must be in (0, 1), got " + tailFraction);
    }
  }

  /** The defaults for a protocol: K in {5, 10, 20}, 99 negatives, a 20% tail. */
  public static EvaluationConfig of(Protocol protocol, long seed) {
    return new EvaluationConfig(protocol, DEFAULT_CUTOFFS, 99, 0.2, seed);
  }

  /** The largest cutoff. */
  public int maxCutoff() {
    return cutoffs.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }
}
