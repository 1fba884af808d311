package dev.nudge.simulation.paper;

import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import java.util.Objects;

/**
 * How a trial's encoder is re-fitted during a run (the paper updates its neural models every 100
 * rounds): the same {@link Encoding.Fitter} on the trial's pre-training data (every user but the
 * trial's) plus the clicks the run has observed, which bring the trial's users into the encoder.
 *
 * <p>Clicks are appended after the last pre-training interaction, one second apart in the order
 * they happened, so encoders that read histories in time order (the two-tower's user tower) see
 * them as the newest positives. Their value is a positive under any threshold: the log's highest
 * rating (MovieLens: 5), or 1 for a label log. Optional columns (propensities, positions, context)
 * are left out of the re-fit's log: no encoder reads them.
 *
 * <p>A fit from a new seed gives a new embedding space, rotated against the old one. By default
 * ({@link Alignment#PROCRUSTES}) the re-fitted embeddings are rotated onto those they replace
 * ({@link ProcrustesAlignment}), so that the heads the policies learnt stay meaningful; {@link
 * Alignment#NONE} swaps them in as fitted.
 *
 * @param pretraining the data the trial's encoder was pre-trained on
 * @param fitter the trial's encoder
 * @param seed the trial's encoder seed; refresh k fits with a seed derived from it and k
 * @param alignment how the re-fitted space is matched to the one it replaces
 */
public record EncoderRefresh(
    Dataset pretraining, Encoding.Fitter fitter, long seed, Alignment alignment) {

  /** How a re-fitted encoding is matched to the one it replaces. */
  public enum Alignment {
    /** Swapped in as fitted. */
    NONE,
    /** Rotated onto the previous embeddings (orthogonal Procrustes over the items). */
    PROCRUSTES;

    /** The alignment named {@code name} ("none", "procrustes"), for configs. */
    public static Alignment named(String name) {
      for (Alignment a : values()) {
        if (a.name().equalsIgnoreCase(name)) {
          return a;
        }
      }
      throw new IllegalArgumentException(
          "unknown alignment '" + name + "'; known: none, procrustes");
    }
  }

  public EncoderRefresh {
    Objects.requireNonNull(pretraining, "pretraining");
    Objects.requireNonNull(fitter, "fitter");
    Objects.requireNonNull(alignment, "alignment");
  }

  /** Re-fits rotated onto the previous embeddings ({@link Alignment#PROCRUSTES}). */
  public EncoderRefresh(Dataset pretraining, Encoding.Fitter fitter, long seed) {
    this(pretraining, fitter, seed, Alignment.PROCRUSTES);
  }

  /**
   * Refresh {@code refresh} (1, 2, ...): the encoder fitted on the pre-training data plus the
   * clicks, (user key {@code clickUsers[c]}, item key {@code clickItems[c]}) for c in 0..clicks-1,
   * aligned to {@code previous}, the encoding it replaces.
   */
  public Encoding fit(
      int refresh, int[] clickUsers, int[] clickItems, int clicks, Encoding previous) {
    if (refresh < 1) {
      throw new IllegalArgumentException("refresh must be >= 1, got " + refresh);
    }
    InteractionLog log = withClicks(pretraining.interactions(), clickUsers, clickItems, clicks);
    Encoding next = fitter.fit(pretraining.withInteractions(log), refreshSeed(refresh));
    return alignment == Alignment.PROCRUSTES ? ProcrustesAlignment.onto(next, previous) : next;
  }

  /** The seed of refresh {@code refresh}: the same for every policy run of a trial. */
  public long refreshSeed(int refresh) {
    return Seeds.derive(seed, "encoder-refresh-" + refresh);
  }

  /** {@code log}'s rows (user, item, time, value) followed by the clicks as positives. */
  static InteractionLog withClicks(
      InteractionLog log, int[] clickUsers, int[] clickItems, int clicks) {
    if (clicks < 0 || clicks > clickUsers.length || clicks > clickItems.length) {
      throw new IllegalArgumentException(
          "clicks must be in 0.."
              + Math.min(clickUsers.length, clickItems.length)
              + ", got "
              + clicks);
    }
    InteractionLog.Builder out = new InteractionLog.Builder(log.kind());
    float positive = 1;
    for (int r = 0; r < log.size(); r++) {
      out.add(log.user(r), log.item(r), log.time(r), log.value(r));
      if (log.kind() == InteractionLog.ValueKind.RATING) {
        positive = r == 0 ? log.value(r) : Math.max(positive, log.value(r));
      }
    }
    long time = log.size() == 0 ? 0 : log.lastTime();
    for (int c = 0; c < clicks; c++) {
      out.add(clickUsers[c], clickItems[c], time + 1 + c, positive);
    }
    return out.build();
  }
}
