package dev.nudge.ranking.rerank;

import java.util.Optional;
import java.util.Set;

/** Whether an item may be shown to a user at all; a rejection carries its reason. */
@FunctionalInterface
public interface EligibilityRule {

  /** Empty when the item is eligible, else why not ("not available in region"). */
  Optional<String> reject(int user, int item);

  /** Rejects the listed items for everyone (withdrawn, out of stock). */
  static EligibilityRule excludeItems(Set<Integer> items, String reason) {
    Set<Integer> copy = Set.copyOf(items);
    return (user, item) -> copy.contains(item) ? Optional.of(reason) : Optional.empty();
  }
}
