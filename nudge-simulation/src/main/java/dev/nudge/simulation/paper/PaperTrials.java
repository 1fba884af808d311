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
 * plays the users. Built to refresh encoders, each trial's environment can re-fit its encoder on
 * the pre-training data plus a run's clicks ({@link EncoderRefresh}).
 */
public final class PaperTrials implements ExperimentRunner.TrialSetup {
  private final Dataset data;
  private final UserChoiceSimulator simulator;
  private final Encoding.Fitter encoder;
  private final int usersPerTrial;
  private final boolean historyFromClicks;
  private final boolean refreshEncoder;
  private final EncoderRefresh.Alignment alignment;

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
    this(data, simulator, encoder, usersPerTrial, historyFromClicks, false);
  }

  /**
   * @param historyFromClicks grow each user's history, and so z_u, with their clicks in a run (see
   *     {@link PaperEnvironment})
   * @param refreshEncoder give each trial's environment what it needs to re-fit its encoder during
   *     a run (for {@link dev.nudge.simulation.experiment.ExperimentConfig#encoderUpdatePeriod()});
   *     without it every run shares one immutable environment per trial
   */
  public PaperTrials(
      Dataset data,
      UserChoiceSimulator simulator,
      Encoding.Fitter encoder,
      int usersPerTrial,
      boolean historyFromClicks,
      boolean refreshEncoder) {
    this(
        data,
        simulator,
        encoder,
        usersPerTrial,
        historyFromClicks,
        refreshEncoder,
        EncoderRefresh.Alignment.PROCRUSTES);
  }

  /**
   * @param historyFromClicks grow each user's history, and so z_u, with their clicks in a run
   * @param refreshEncoder give each trial's environment what it needs to re-fit its encoder
   * @param alignment how a re-fitted encoder is matched to the one it replaces
   */
  public PaperTrials(
      Dataset data,
      UserChoiceSimulator simulator,
      Encoding.Fitter encoder,
      int usersPerTrial,
      boolean historyFromClicks,
      boolean refreshEncoder,
      EncoderRefresh.Alignment alignment) {
    if (usersPerTrial < 1 || usersPerTrial > data.users().size()) {
      throw new IllegalArgumentException(
          "usersPerTrial must be in 1.." + data.users().size() + ", got " + usersPerTrial);
    }
    this.data = data;
    this.simulator = simulator;
    this.encoder = encoder;
    this.usersPerTrial = usersPerTrial;
    this.historyFromClicks = historyFromClicks;
    this.refreshEncoder = refreshEncoder;
    this.alignment = java.util.Objects.requireNonNull(alignment, "alignment");
  }

  @Override
  public BanditEnvironment environment(int trial, long trialSeed) {
    int[] users =
        drawUsers(data.users().size(), usersPerTrial, Seeds.random(trialSeed, "trial-users"));
    Dataset pretraining = data.withInteractions(without(data.interactions(), users));
    long encoderSeed = Seeds.derive(trialSeed, "encoder");
    Encoding encoding = encoder.fit(pretraining, encoderSeed);
    EncoderRefresh refresh =
        refreshEncoder ? new EncoderRefresh(pretraining, encoder, encoderSeed, alignment) : null;
    return new PaperEnvironment(
        simulator, data.items(), users, encoding, historyFromClicks, refresh);
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
