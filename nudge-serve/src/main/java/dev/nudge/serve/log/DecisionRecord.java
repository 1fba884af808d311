package dev.nudge.serve.log;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One logged decision: everything needed to answer a repeated request, to learn from its reward
 * later (even after a restart) and to evaluate other policies off-line.
 *
 * @param seq the log's sequence number, in order of commit
 * @param eventId the caller's (or the service's) event id, unique
 * @param decidedAt when the decision was made
 * @param userId the user id as sent
 * @param userKey the dense user key, or -1 for an unknown user
 * @param contextJson the request's context object, as JSON
 * @param features the hashed feature vector the policy saw
 * @param userEmbedding the user vector the policy saw (model or hashed; empty when none)
 * @param candidates the candidate ids in request order
 * @param slate the slate returned, best first
 * @param rewardArm the arm that rewards are credited to (slot 0, or the baseline in apprentice
 *     mode)
 * @param policy the policy's name with its parameters
 * @param modelVersion the embedding model version, or "none"
 * @param mode the learning mode at decision time (online, apprentice, logging-only)
 * @param activatedAt when the reward window opened, or null while the event awaits activation
 * @param response the exact JSON answer, replayed for a repeated event id
 */
public record DecisionRecord(
    long seq,
    String eventId,
    Instant decidedAt,
    String userId,
    int userKey,
    String contextJson,
    double[] features,
    float[] userEmbedding,
    List<String> candidates,
    List<SlotRecord> slate,
    ArmRecord rewardArm,
    String policy,
    String modelVersion,
    String mode,
    Instant activatedAt,
    String response) {

  public DecisionRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(contextJson, "contextJson");
    Objects.requireNonNull(rewardArm, "rewardArm");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(response, "response");
    features = features == null ? new double[0] : features.clone();
    userEmbedding = userEmbedding == null ? new float[0] : userEmbedding.clone();
    candidates = List.copyOf(candidates);
    slate = List.copyOf(slate);
    if (slate.isEmpty()) {
      throw new IllegalArgumentException("slate must not be empty for event " + eventId);
    }
  }

  /** This decision with its reward window opened at {@code at}. */
  public DecisionRecord activated(Instant at) {
    return new DecisionRecord(
        seq,
        eventId,
        decidedAt,
        userId,
        userKey,
        contextJson,
        features,
        userEmbedding,
        candidates,
        slate,
        rewardArm,
        policy,
        modelVersion,
        mode,
        at,
        response);
  }
}
