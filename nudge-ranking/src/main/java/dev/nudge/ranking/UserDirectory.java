package dev.nudge.ranking;

import dev.nudge.candidates.CandidateQuery;
import dev.nudge.candidates.InteractionGraph;
import java.util.Objects;

/**
 * What the funnel knows about users at serving time: their histories (from the training graph),
 * segments, and how to compute an embedding from a history (the user tower, or a stand-in).
 *
 * @param graph training interactions
 * @param segmentOfUser each user's segment, or -1
 * @param encoder the user tower
 */
public record UserDirectory(InteractionGraph graph, int[] segmentOfUser, UserEncoder encoder) {

  public UserDirectory {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(encoder, "encoder");
    segmentOfUser = segmentOfUser.clone();
    if (segmentOfUser.length != graph.users()) {
      throw new IllegalArgumentException(
          "segmentOfUser has " + segmentOfUser.length + " entries for " + graph.users() + " users");
    }
  }

  /** Computes a user embedding from a user key (-1 when unknown) and history. */
  @FunctionalInterface
  public interface UserEncoder {
    /** The embedding, or an empty array when there is none for this user. */
    float[] encode(int user, int[] history);

    /** No embeddings: the ANN source then stays silent. */
    static UserEncoder none() {
      return (user, history) -> new float[0];
    }
  }

  /** The retrieval query for a request; unknown users get the request's segment only. */
  public CandidateQuery query(FunnelRequest request) {
    int u = request.user();
    if (u < 0 || u >= graph.users()) {
      return CandidateQuery.coldUser(request.segment());
    }
    int[] history = graph.history(u);
    int segment = request.segment() >= 0 ? request.segment() : segmentOfUser[u];
    float[] embedding = history.length == 0 ? new float[0] : encoder.encode(u, history);
    return new CandidateQuery(u, history, segment, embedding);
  }
}
