package dev.nudge.ranking;

import java.util.List;
import java.util.Map;

/**
 * A slate with the provenance of every item that reached any stage.
 *
 * @param slate the items shown, in position order
 * @param dropped every candidate that did not make the slate, with the stage and reason
 * @param stageNanos wall time per stage ("retrieve", "rank", "explore", "rerank")
 */
public record FunnelResult(
    List<SlateEntry> slate, List<DroppedItem> dropped, Map<String, Long> stageNanos) {

  public FunnelResult {
    slate = List.copyOf(slate);
    dropped = List.copyOf(dropped);
    stageNanos = Map.copyOf(stageNanos);
  }

  /**
   * One slot of the slate and how the item got there.
   *
   * @param position 0-based slot
   * @param item the item key
   * @param id the external item id
   * @param source the candidate source that proposed it (the best-ranked one, if several did)
   * @param retrievalScore the fused retrieval score of the merger
   * @param taskScores the ranker's probability per task
   * @param value the value model's combination of the task scores
   * @param bonus the exploration bonus added for cold items (0 for warm ones)
   * @param rerankScore the MMR score it was placed with, or the policy's score for explored slots
   * @param explored true when the exploration policy, not exploitation, placed it
   */
  public record SlateEntry(
      int position,
      int item,
      String id,
      String source,
      double retrievalScore,
      Map<String, Double> taskScores,
      double value,
      double bonus,
      double rerankScore,
      boolean explored) {
    public SlateEntry {
      taskScores = Map.copyOf(taskScores);
    }
  }

  /**
   * A candidate that did not make it, and why.
   *
   * @param item the item key
   * @param source the source that proposed it
   * @param stage "retrieve", "eligibility", "rerank"
   * @param reason a sentence a person can read
   */
  public record DroppedItem(int item, String source, String stage, String reason) {}
}
