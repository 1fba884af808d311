package dev.nudge.serve;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known users: dense keys for per-user policies and stored features that are added to every
 * decision's context. Users not registered decide with key -1 and their request context only.
 *
 * <p>Thread-safety: lock-free reads; writes synchronise.
 */
public final class UserDirectory {
  private final Map<String, User> byId = new ConcurrentHashMap<>();
  private int nextKey;

  /**
   * A registered user.
   *
   * @param id the external id
   * @param key the dense key
   * @param features numeric features by name
   */
  public record User(String id, int key, Map<String, Double> features) {
    public User {
      Objects.requireNonNull(id, "id");
      if (!Nudge.validId(id)) {
        throw ApiProblem.badField(
            "id", "must be 1..128 of letters, digits and - _ . : @, got '" + Nudge.clip(id) + "'");
      }
      features = Map.copyOf(features);
      for (Map.Entry<String, Double> f : features.entrySet()) {
        if (!Double.isFinite(f.getValue())) {
          throw ApiProblem.badField(
              "features." + f.getKey(), "must be finite, got " + f.getValue());
        }
      }
    }
  }

  public Optional<User> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Adds or replaces a user, keeping the key of a known id. */
  public synchronized User put(String id, Map<String, Double> features) {
    User old = byId.get(id);
    User u = new User(id, old != null ? old.key() : nextKey, features);
    restore(u);
    return u;
  }

  /** Puts a user exactly as stored in the log. */
  public synchronized void restore(User u) {
    byId.put(u.id(), u);
    nextKey = Math.max(nextKey, u.key() + 1);
  }

  /** Forgets a user; returns false when unknown. Its key is not reused. */
  public synchronized boolean remove(String id) {
    return byId.remove(id) != null;
  }

  public int size() {
    return byId.size();
  }
}
