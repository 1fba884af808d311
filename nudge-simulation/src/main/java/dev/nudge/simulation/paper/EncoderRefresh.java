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
 * @param pretraining the data the trial's encoder was pre-trained on
 * @param fitter the trial's encoder
 * @param seed the trial's encoder seed; refresh k fits with a seed derived from it and k
 */
public record EncoderRefresh(Dataset pretraining, Encoding.Fitter fitter, long seed) {
  public EncoderRefresh {
    Objects.requireNonNull(pretraining, "pretraining");
    Objects.requireNonNull(fitter, "fitter");
  }

  /**
   * Refresh {@code refresh} (1, 2, ...): the encoder fitted on the pre-training data plus the
   * clicks, (user key {@code clickUsers[c]}, item key {@code clickItems[c]}) for c in 0..clicks-1.
   */
  public Encoding fit(int refresh, int[] clickUsers, int[] clickItems, int clicks) {
    if (refresh < 1) {
      throw new IllegalArgumentException("refresh must be >= 1, got " + refresh);
    }
    InteractionLog log = withClicks(pretraining.interactions(), clickUsers, clickItems, clicks);
    return fitter.fit(pretraining.withInteractions(log), refreshSeed(refresh));
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
