package dev.nudge.ranking;

import java.util.Objects;

/**
 * One slate request.
 *
 * @param user the dense user key, or -1 for a new user
 * @param segment the user's segment when the caller knows it (a new user's age band), else -1;
 *     known users' segments come from the directory
 * @param eventId the decision's id: exploration randomness derives from it
 * @param slateSize how many items to return, >= 1
 */
public record FunnelRequest(int user, int segment, String eventId, int slateSize) {
  public FunnelRequest {
    Objects.requireNonNull(eventId, "eventId");
    if (user < -1) {
      throw new IllegalArgumentException("user must be >= -1, got " + user);
    }
    if (segment < -1) {
      throw new IllegalArgumentException("segment must be >= -1, got " + segment);
    }
    if (slateSize < 1) {
      throw new IllegalArgumentException("slateSize must be >= 1, got " + slateSize);
    }
  }
}
