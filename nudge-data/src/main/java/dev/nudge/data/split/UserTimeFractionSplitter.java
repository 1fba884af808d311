package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;
import java.util.Objects;

/**
 * Per-user chronological fractions: each user's rows, in time order, are cut by {@link
 * Fractions#cuts}, so e.g. the first 80% of every user's history trains, the next 10% validates and
 * the last 10% tests. No training row of a user is later than any of that user's validation or test
 * rows. Users with few rows may have nothing in validation or test (a user with one row trains on
 * it).
 */
public record UserTimeFractionSplitter(Fractions fractions) implements Splitter {

  public UserTimeFractionSplitter {
    Objects.requireNonNull(fractions, "fractions must not be null");
  }

  @Override
  public SplitAssignment assign(InteractionLog log) {
    UserTimelines timelines = UserTimelines.of(log);
    SplitAssignment.Builder parts = SplitAssignment.builder(log.size());
    for (int u = 0; u < timelines.users(); u++) {
      int length = timelines.length(u);
      int[] cuts = fractions.cuts(length);
      for (int k = cuts[0]; k < length; k++) {
        parts.set(timelines.row(u, k), k < cuts[1] ? Part.VALIDATION : Part.TEST);
      }
    }
    return parts.build();
  }
}
