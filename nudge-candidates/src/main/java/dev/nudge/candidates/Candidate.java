package dev.nudge.candidates;

import java.util.Objects;

/**
 * One item proposed by a candidate source.
 *
 * @param item the catalogue item key
 * @param source the name of the source that proposed it
 * @param score the source's own score (higher is better; only comparable within one source)
 */
public record Candidate(int item, String source, double score) {
  public Candidate {
    if (item < 0) {
      throw new IllegalArgumentException("item must be >= 0, got " + item);
    }
    Objects.requireNonNull(source, "source");
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score of item " + item + " from " + source + " is NaN");
    }
  }
}
