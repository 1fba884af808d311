package dev.nudge.eval.metrics;

import dev.nudge.core.InputException;
import java.util.Arrays;
import java.util.Locale;

/** Which items a test positive is ranked against. */
public enum Protocol {
  /** Every item the user did not interact with in training; one list per user. */
  FULL("full"),
  /** The positive and 99 items the user never interacted with, sampled per positive. */
  SAMPLED_100("sampled100");

  private final String label;

  Protocol(String label) {
    this.label = label;
  }

  /** The name used on the command line and in reports. */
  public String label() {
    return label;
  }

  /** Parses a label ("full", "sampled100"), failing with the known labels. */
  public static Protocol parse(String text) {
    for (Protocol p : values()) {
      if (p.label.equals(text.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw InputException.forField(
        "protocol",
        "unknown protocol '"
            + text
            + "'; known: "
            + Arrays.stream(values()).map(Protocol::label).toList());
  }
}
