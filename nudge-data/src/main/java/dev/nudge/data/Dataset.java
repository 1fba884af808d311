package dev.nudge.data;

import java.util.Objects;

/**
 * A catalogue, its users and their interaction log, as one loader or generator produced them.
 * Interaction rows refer to item keys of {@link #items()} and user keys of {@link #users()}.
 *
 * @param name where the data came from ("ml-100k", "synthetic-banking")
 * @param items the catalogue
 * @param users the users
 * @param interactions the log
 */
public record Dataset(String name, Catalogue items, UserTable users, InteractionLog interactions) {

  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(interactions, "interactions");
  }

  /** The same catalogue and users with another log (a split's train or test part). */
  public Dataset withInteractions(InteractionLog log) {
    return new Dataset(name, items, users, log);
  }

  @Override
  public String toString() {
    return "Dataset["
        + name
        + ": "
        + users.size()
        + " users, "
        + items.size()
        + " items, "
        + interactions.size()
        + " interactions]";
  }
}
