package dev.nudge.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Two-tower retrieval: items whose precomputed embeddings have the largest inner product with the
 * user's embedding, through a {@link VectorIndex}. Only the user tower runs per request. Users
 * without an embedding get nothing.
 *
 * @param index the item-embedding index; its positions are item keys
 */
public record EmbeddingSource(VectorIndex index) implements CandidateSource {

  public EmbeddingSource {
    Objects.requireNonNull(index, "index");
  }

  @Override
  public String name() {
    return "ann";
  }

  @Override
  public List<Candidate> retrieve(CandidateQuery query, int limit) {
    if (query.embedding().length == 0 || limit <= 0) {
      return List.of();
    }
    if (query.embedding().length != index.dimension()) {
      throw new IllegalArgumentException(
          "user embedding has length "
              + query.embedding().length
              + ", item index dimension is "
              + index.dimension());
    }
    boolean[] seen = query.seenMask(index.size());
    // Ask for the history on top, since seen items are filtered after the search.
    VectorIndex.Hits hits = index.search(query.embedding(), limit + query.history().length);
    List<Candidate> out = new ArrayList<>(limit);
    for (int k = 0; k < hits.size() && out.size() < limit; k++) {
      if (!seen[hits.items()[k]]) {
        out.add(new Candidate(hits.items()[k], name(), hits.scores()[k]));
      }
    }
    return out;
  }
}
