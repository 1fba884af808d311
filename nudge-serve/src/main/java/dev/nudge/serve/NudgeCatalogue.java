package dev.nudge.serve;

import dev.nudge.bandit.Arm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live catalogue: nudges by id with their arms, and the active set that a request without
 * candidates chooses from. Keys are handed out in order and never reused, so statistics logged
 * under a key always belong to the same nudge.
 *
 * <p>Thread-safety: writers synchronise on this object and publish immutable views; readers read
 * volatile fields without locking, so decisions never wait for catalogue edits.
 */
public final class NudgeCatalogue {
  private final FeatureHasher hasher;
  private final Map<String, Nudge> byId = new HashMap<>();
  private final Map<String, Integer> topics = new HashMap<>();
  private volatile Map<String, Arm> arms = Map.of();
  private volatile List<Arm> active = List.of();
  private int nextKey;

  public NudgeCatalogue(FeatureHasher hasher) {
    this.hasher = hasher;
  }

  /** The nudge with this id, deleted ones included. */
  public synchronized Optional<Nudge> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every nudge, deleted ones included, in key order. */
  public synchronized List<Nudge> all() {
    List<Nudge> out = new ArrayList<>(byId.values());
    out.sort((a, b) -> Integer.compare(a.key(), b.key()));
    return out;
  }

  /** The arm of a known nudge (active or not), or null. */
  public Arm arm(String id) {
    return arms.get(id);
  }

  /** The active nudges' arms in key order: the default candidate set. */
  public List<Arm> active() {
    return active;
  }

  /**
   * Adds or replaces a nudge; a new id gets the next key, a known one keeps its key.
   *
   * @return the stored nudge
   */
  public synchronized Nudge put(
      String id, Map<String, Double> features, String topic, String text, boolean activeNudge) {
    Nudge old = byId.get(id);
    int key = old != null ? old.key() : nextKey;
    Nudge n = new Nudge(id, key, features, topic, text, activeNudge);
    restore(n);
    return n;
  }

  /** Puts a nudge exactly as stored in the log (its key included). */
  public synchronized void restore(Nudge n) {
    byId.put(n.id(), n);
    nextKey = Math.max(nextKey, n.key() + 1);
    publish();
  }

  private void publish() {
    Map<String, Arm> newArms = new HashMap<>();
    List<Arm> newActive = new ArrayList<>();
    for (Nudge n : all()) {
      int topic = -1;
      if (n.topic() != null) {
        topic = topics.computeIfAbsent(n.topic(), t -> topics.size());
      }
      Arm arm = new Arm(n.id(), n.key(), null, hasher.hash(null, n.features()), topic);
      newArms.put(n.id(), arm);
      if (n.active()) {
        newActive.add(arm);
      }
    }
    arms = Map.copyOf(newArms);
    active = List.copyOf(newActive);
  }
}
