package dev.nudge.serve.log;

import java.util.Objects;

/**
 * One slot of a logged slate.
 *
 * @param id the nudge id shown in this slot
 * @param key its dense key
 * @param probability the probability the policy had of putting it here given the slots before
 * @param score the policy's score, or null where the arm was not scored
 * @param explored true when exploration put it here
 */
public record SlotRecord(String id, int key, double probability, Double score, boolean explored) {
  public SlotRecord {
    Objects.requireNonNull(id, "id");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
  }
}
