package dev.nudge.data.split;

import dev.nudge.data.InteractionLog;
import java.util.Objects;

/**
 * A log cut into training, validation and test interactions. The validation part may be empty
 * (splitters configured without one); the three never share a row of the source log.
 */
public record Split(InteractionLog train, InteractionLog validation, InteractionLog test) {

  public Split {
    Objects.requireNonNull(train, "train must not be null");
    Objects.requireNonNull(validation, "validation must not be null (use an empty log)");
    Objects.requireNonNull(test, "test must not be null");
  }

  /** The part's interactions. */
  public InteractionLog part(Part part) {
    return switch (part) {
      case TRAIN -> train;
      case VALIDATION -> validation;
      case TEST -> test;
    };
  }

  /** Rows in all three parts: the size of the log that was split. */
  public int size() {
    return train.size() + validation.size() + test.size();
  }

  @Override
  public String toString() {
    return "Split[train="
        + train.size()
        + ", validation="
        + validation.size()
        + ", test="
        + test.size()
        + "]";
  }
}
