package dev.nudge.data.split;

import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A seeded random split over all rows (RecBole's {@code RS} ordering): rows are shuffled and cut by
 * {@link Fractions#cuts}, so part sizes are exact. It ignores time, so training sees the future of
 * what it is tested on; use it to compare with published random-split results, and a temporal
 * splitter to estimate deployed performance. The same seed always gives the same split.
 */
public record RandomSplitter(Fractions fractions, long seed) implements Splitter {

  /** The stream name under the seed, so other consumers of the same seed are unaffected. */
  static final String STREAM = "split.random";

  public RandomSplitter {
    Objects.requireNonNull(fractions, "fractions must not be null");
  }

  @Override
  public SplitAssignment assign(InteractionLog log) {
    int n = log.size();
    int[] order = new int[n];
    for (int r = 0; r < n; r++) {
      order[r] = r;
    }
    RandomGenerator random = Seeds.random(seed, STREAM);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] cuts = fractions.cuts(n);
    SplitAssignment.Builder parts = SplitAssignment.builder(n);
    for (int k = cuts[0]; k < n; k++) {
      parts.set(order[k], k < cuts[1] ? Part.VALIDATION : Part.TEST);
    }
    return parts.build();
  }
}
