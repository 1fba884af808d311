package dev.nudge.simulation.world;

import java.util.Objects;

/**
 * One decision point of the world: a user at a moment. The same round number always gives the same
 * user and moment, whichever policy is being simulated, so policies are compared on identical
 * traffic.
 *
 * @param user who is asking
 * @param moment when and where
 */
public record WorldRound(UserProfile user, Moment moment) {
  public WorldRound {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(moment, "moment");
  }

  public long round() {
    return moment.round();
  }
}
