package dev.nudge.candidates;

/**
 * What a candidate source knows about the user it retrieves for.
 *
 * @param user the dense user key, or -1 for a user never seen in training
 * @param history item keys the user interacted with, oldest first; never proposed again
 * @param segment the user's segment key (age band, region), or -1 when unknown
 * @param embedding the user's two-tower embedding, or an empty array when there is none
 */
public record CandidateQuery(int user, int[] history, int segment, float[] embedding) {
  private static final int[] NO_HISTORY = new int[0];
  private static final float[] NO_EMBEDDING = new float[0];

  public CandidateQuery {
    history = history == null ? NO_HISTORY : history.clone();
    embedding = embedding == null ? NO_EMBEDDING : embedding.clone();
    if (user < -1) {
      throw new IllegalArgumentException("user must be >= -1, got " + user);
    }
    if (segment < -1) {
      throw new IllegalArgumentException("segment must be >= -1, got " + segment);
    }
    for (int i = 0; i < history.length; i++) {
      if (history[i] < 0) {
        throw new IllegalArgumentException("history[" + i + "] must be >= 0, got " + history[i]);
      }
    }
    for (int i = 0; i < embedding.length; i++) {
      if (!Float.isFinite(embedding[i])) {
        throw new IllegalArgumentException("embedding[" + i + "] is " + embedding[i]);
      }
    }
  }

  /** A query for a brand-new user: no history, no embedding, only (maybe) a segment. */
  public static CandidateQuery coldUser(int segment) {
    return new CandidateQuery(-1, null, segment, null);
  }

  /** The history as a set for O(1) exclusion checks; sized for the catalogue. */
  boolean[] seenMask(int catalogueSize) {
    boolean[] seen = new boolean[catalogueSize];
    for (int item : history) {
      if (item < catalogueSize) {
        seen[item] = true;
      }
    }
    return seen;
  }
}
