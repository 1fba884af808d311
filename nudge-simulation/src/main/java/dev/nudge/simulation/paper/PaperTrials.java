package dev.nudge.simulation.paper;

import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.simulation.experiment.BanditEnvironment;
import dev.nudge.simulation.experiment.ExperimentRunner;
import java.util.random.RandomGenerator;

/**
 * Sets up the paper's trials on a data set: each trial draws its users (seeded), removes all their
 * interactions from the pre-training data, and pre-trains the encoder on what is left, so nothing
 * of a trial's users leaks into what the policies know. The simulator, trained once on all data,
 * plays the users.
 */
public final class PaperTrials implements ExperimentRunner.TrialSetup {
  private final Dataset data;
  private final UserChoiceSimulator simulator;
  private final Encoding.Fitter encoder;
  private final int usersPerTrial;
  private final boolean historyFromClicks;

  public PaperTrials(
      Dataset data, UserChoiceSimulator simulator, Encoding.Fitter encoder, int usersPerTrial) {
    this(data, simulator, encoder, usersPerTrial, false);
  }

  /**
   * @param historyFromClicks grow each user's history, and so z_u, with their clicks in a run (see
   *     {@link PaperEnvironment})
   */
  public PaperTrials(
      Dataset data,
      UserChoiceSimulator simulator,
      Encoding.Fitter encoder,
      int usersPerTrial,
      boolean historyFromClicks) {
    if (usersPerTrial < 1 || usersPerTrial > data.users().size()) {
      throw new IllegalArgumentException(
          "usersPerTrial must be in 1.." + data.users().size() + ", got " + usersPerTrial);
    }
    this.data = data;
    this.simulator = simulator;
    this.encoder = encoder;
    this.usersPerTrial = usersPerTrial;
    this.historyFromClicks = historyFromClicks;
  }

  @Override
  public BanditEnvironment environment(int trial, long trialSeed) {
    int[] users =
        drawUsers(data.users().size(), usersPerTrial, Seeds.random(trialSeed, "trial-users"));
    Dataset pretraining = data.withInteractions(without(data.interactions(), users));
    Encoding encoding = encoder.fit(pretraining, Seeds.derive(trialSeed, "encoder"));
    return new PaperEnvironment(simulator, data.items(), users, encoding, historyFromClicks);
  }

  /** {@code k} distinct users out of {@code n}, by a partial Fisher–Yates shuffle. */
  static int[] drawUsers(int n, int k, RandomGenerator random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, k);
  }

  /** The log without any row of the given users. */
  static InteractionLog without(InteractionLog log, int[] users) {
    java.util.BitSet removed = new java.util.BitSet();
    for (int u : users) {
      removed.set(u);
    }
    int[] keep =
        java.util.stream.IntStream.range(0, log.size())
            .filter(r -> !removed.get(log.user(r)))
            .toArray();
    return log.select(keep);
  }
}
