package dev.nudge.data.split;

import dev.nudge.core.Seeds;
import dev.nudge.data.InteractionLog;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * RecBole's default split for general recommenders ({@code order: RO, split: RS, group_by: user}):
 * each user's rows are shuffled and cut by the fractions, so every user with enough rows has
 * training, validation and test rows in about the given proportions. Part sizes follow RecBole's
 * rounding, not {@link Fractions#cuts}: validation and test take {@code floor(share * n)} rows and
 * training the rest, and a part whose share of {@code n} is in (0, 1) still gets one row while
 * training keeps at least one (so a user with 20 rows gives 16 / 2 / 2, with 25 rows 21 / 2 / 2,
 * with 5 rows 3 / 1 / 1). Like {@link RandomSplitter} it ignores time: use it to compare with
 * results published under RecBole's protocol. The same seed always gives the same split.
 */
public record UserRandomSplitter(Fractions fractions, long seed) implements Splitter {

  /** The stream name under the seed, so other consumers of the same seed are unaffected. */
  static final String STREAM = "split.user-random";

  public UserRandomSplitter {
    Objects.requireNonNull(fractions, "fractions must not be null");
  }

  @Override
  public SplitAssignment assign(InteractionLog log) {
    UserTimelines timelines = UserTimelines.of(log);
    RandomGenerator random = Seeds.random(seed, STREAM);
    SplitAssignment.Builder parts = SplitAssignment.builder(log.size());
    int[] rows = new int[0];
    for (int u = 0; u < timelines.users(); u++) {
      int n = timelines.length(u);
      if (rows.length < n) {
        rows = new int[Math.max(n, 2 * rows.length)];
      }
      for (int k = 0; k < n; k++) {
        rows[k] = timelines.row(u, k);
      }
      // Fisher-Yates over the user's rows, drawn from one stream in user order.
      for (int k = n - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int swap = rows[k];
        rows[k] = rows[j];
        rows[j] = swap;
      }
      int[] counts = counts(fractions, n);
      for (int k = counts[0]; k < n; k++) {
        parts.set(rows[k], k < counts[0] + counts[1] ? Part.VALIDATION : Part.TEST);
      }
    }
    return parts.build();
  }

  /**
   * RecBole's part sizes for {@code n} rows ({@code Dataset._calcu_split_ids}): {train, validation,
   * test}, adding up to {@code n}.
   */
  static int[] counts(Fractions fractions, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    double[] shares = {fractions.train(), fractions.validation(), fractions.test()};
    int[] counts = new int[3];
    counts[1] = (int) (shares[1] * n);
    counts[2] = (int) (shares[2] * n);
    counts[0] = n - counts[1] - counts[2];
    // Test first, then validation: a small part still gets a row while training keeps one.
    for (int p = 2; p >= 1; p--) {
      if (counts[0] <= 1) {
        break;
      }
      double exact = shares[p] * n;
      if (exact > 0 && exact < 1) {
        counts[p]++;
        counts[0]--;
      }
    }
    return counts;
  }
}
