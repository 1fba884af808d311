package dev.nudge.data;

import java.util.Objects;

/**
 * The users: ids and typed features (demographics, behaviour). Immutable.
 *
 * @param ids user ids and their dense keys
 * @param features one row per user key
 */
public record UserTable(IdIndex ids, FeatureTable features) {

  public UserTable {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(features, "features");
    ids = ids.freeze();
    if (features.rows() != ids.size()) {
      throw new IllegalArgumentException(
          ids.size() + " users but " + features.rows() + " feature rows");
    }
  }

  public int size() {
    return ids.size();
  }

  /** Users with the given ids and no features. */
  public static UserTable anonymous(IdIndex ids) {
    return new UserTable(ids, FeatureTable.empty(ids.size()));
  }
}
