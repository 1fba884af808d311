package dev.nudge.ranking;

/**
 * The funnel's sizes and cold-start knobs.
 *
 * @param perSourceLimit how many items each source retrieves, >= 1
 * @param candidates how many merged candidates the ranker scores, >= 1
 * @param coldBelow items with fewer training interactions than this are cold, >= 0
 * @param coldBonus value added to cold items at ranking so they reach the slate or the exploration
 *     pool, >= 0
 */
public record FunnelConfig(int perSourceLimit, int candidates, int coldBelow, double coldBonus) {
  public FunnelConfig {
    if (perSourceLimit < 1) {
      throw new IllegalArgumentException("perSourceLimit must be >= 1, got " + perSourceLimit);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }
    if (coldBelow < 0) {
      throw new IllegalArgumentException("coldBelow must be >= 0, got " + coldBelow);
    }
    if (!(coldBonus >= 0) || Double.isInfinite(coldBonus)) {
      throw new IllegalArgumentException("coldBonus must be finite and >= 0, got " + coldBonus);
    }
  }

  /** 100 per source, 100 ranked, items with under 5 interactions get +0.1. */
  public static FunnelConfig defaults() {
    return new FunnelConfig(100, 100, 5, 0.1);
  }
}
