package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;
import java.util.Objects;

/**
 * Per-user temporal leave-one-out, the protocol of most sequential and top-K papers: each user's
 * latest positive is held out for test and, with {@code validation}, the positive before it for
 * validation.
 *
 * <p>A user is held out only with at least one positive left to train on (2 positives, or 3 with
 * validation); other users stay entirely in training. Rows of a held-out user that come after the
 * held-out positive (non-positives, by definition) go with it, to validation or test, so that no
 * training row of a user is later than that user's held-out positive and the parts still add up to
 * the whole log. Filter a part with {@link ImplicitLabels#positives} to get exactly one positive
 * per user. Ties in time are broken by row number.
 */
public record LeaveLastOutSplitter(ImplicitLabels labels, boolean validation) implements Splitter {

  public LeaveLastOutSplitter {
    Objects.requireNonNull(labels, "labels must not be null");
  }

  /** Test only, positives at ratings {@code >= 4}. */
  public static LeaveLastOutSplitter testOnly() {
    return new LeaveLastOutSplitter(ImplicitLabels.DEFAULT, false);
  }

  /** Fewest positives a user needs to be held out. */
  public int minPositives() {
    return validation ? 3 : 2;
  }

  @Override
  public SplitAssignment assign(InteractionLog log) {
    UserTimelines timelines = UserTimelines.of(log);
    SplitAssignment.Builder parts = SplitAssignment.builder(log.size());
    int held = validation ? 2 : 1;
    for (int u = 0; u < timelines.users(); u++) {
      int length = timelines.length(u);
      // Walk back from the user's latest row to find the positions of the last `held` positives
      // and whether one more positive remains for training.
      int[] heldAt = new int[held];
      int found = 0;
      boolean trainKeepsOne = false;
      for (int k = length - 1; k >= 0; k--) {
        if (labels.isPositive(log, timelines.row(u, k))) {
          if (found < held) {
            heldAt[found++] = k;
          } else {
            trainKeepsOne = true;
            break;
          }
        }
      }
      if (found < held || !trainKeepsOne) {
        continue;
      }
      int testFrom = heldAt[0];
      int validationFrom = validation ? heldAt[1] : testFrom;
      for (int k = validationFrom; k < length; k++) {
        parts.set(timelines.row(u, k), k < testFrom ? Part.VALIDATION : Part.TEST);
      }
    }
    return parts.build();
  }
}
