package dev.nudge.candidates;

import java.util.List;

/**
 * One way of narrowing the catalogue for a user. Implementations are immutable after construction
 * and safe to call from many threads at once.
 */
public interface CandidateSource {

  /** A short stable name ("swing", "popular", "ann"), used in provenance and quotas. */
  String name();

  /**
   * Up to {@code limit} items for the user, best first, never an item of the query's history, each
   * at most once. May return fewer (or none) when the source has nothing to say about this user.
   */
  List<Candidate> retrieve(CandidateQuery query, int limit);
}
