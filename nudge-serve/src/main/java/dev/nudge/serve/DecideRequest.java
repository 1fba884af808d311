package dev.nudge.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated {@code POST /v1/decide} body.
 *
 * @param eventId the caller's event id, or null to have one assigned
 * @param userId the user
 * @param context free-form context (an object), hashed into features
 * @param candidates the candidates, or empty to choose among the active catalogue
 * @param excluded ids never to choose
 * @param slateSize how many to return, or null for the configured default
 * @param deferActivation true when the caller will activate the event later (the reward window
 *     opens at activation)
 * @param baselineActionId the application's own choice, served in apprentice mode (default: the
 *     first candidate)
 * @param contextText the context object's JSON text as sent, or null to write it from {@code
 *     context} (the streaming reader keeps the text, which saves serialising the tree again)
 */
public record DecideRequest(
    String eventId,
    String userId,
    JsonNode context,
    List<Candidate> candidates,
    List<String> excluded,
    Integer slateSize,
    boolean deferActivation,
    String baselineActionId,
    String contextText) {

  public DecideRequest {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(context, "context");
    candidates = List.copyOf(candidates);
    excluded = List.copyOf(excluded);
  }

  /** The context as JSON text, for the log. */
  public String contextJson() {
    return contextText != null ? contextText : context.toString();
  }

  /**
   * A candidate sent with the request.
   *
   * @param id the nudge id (registered on first sight)
   * @param features numeric features, or null to use the catalogue's
   */
  public record Candidate(String id, Map<String, Double> features) {
    public Candidate {
      Objects.requireNonNull(id, "id");
      features = features == null ? null : Map.copyOf(features);
    }
  }
}
