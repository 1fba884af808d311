package dev.nudge.ranking.rerank;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.util.List;
import java.util.Objects;

/**
 * Reserved exploration slots: a bandit {@link Policy} picks {@code slots} items out of a pool of
 * candidates that exploitation alone would not show (those ranked just below the cut, and cold
 * items lifted by their exploration bonus). The decision's randomness derives from its event id, so
 * a request can be replayed.
 *
 * @param policy the bandit policy that fills the slots
 * @param slots how many slots to reserve, >= 0
 * @param pool how many candidates below the cut the policy chooses among, >= slots
 */
public record ExplorationSlots(Policy policy, int slots, int pool) {
  public ExplorationSlots {
    Objects.requireNonNull(policy, "policy");
    if (slots < 0) {
      throw new IllegalArgumentException("slots must be >= 0, got " + slots);
    }
    if (pool < slots) {
      throw new IllegalArgumentException("pool must be >= slots (" + slots + "), got " + pool);
    }
  }

  /**
   * The policy's slate over {@code candidates} (at most {@code slots} entries; empty when there are
   * no candidates).
   */
  public Slate choose(String eventId, int user, float[] userEmbedding, List<Arm> candidates) {
    if (slots == 0 || candidates.isEmpty()) {
      return new Slate(List.of(), policy.name(), false);
    }
    DecisionContext context =
        new DecisionContext(
            eventId,
            user,
            userEmbedding,
            null,
            candidates,
            Math.min(slots, candidates.size()),
            DecisionContext.UNLIMITED,
            Seeds.forEvent(eventId));
    return policy.decide(context);
  }
}
