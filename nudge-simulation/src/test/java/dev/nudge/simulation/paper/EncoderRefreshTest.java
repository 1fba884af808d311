package dev.nudge.simulation.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.neural.NeuralGreedyPolicy;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.split.ImplicitLabels;
import dev.nudge.simulation.experiment.BanditEnvironment;
import dev.nudge.simulation.experiment.ExperimentConfig;
import dev.nudge.simulation.experiment.ExperimentResult;
import dev.nudge.simulation.experiment.ExperimentRunner;
import dev.nudge.simulation.experiment.PolicyRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class EncoderRefreshTest {
  /** Users like the items of their genre (user % 3); see {@link UserChoiceSimulatorTest}. */
  private static final Dataset WORLD = UserChoiceSimulatorTest.tasteWorld(60, 45, 3, 20, 11);

  private static final UserChoiceSimulator SIMULATOR =
      UserChoiceSimulator.train(
          WORLD, new UserChoiceSimulator.Config(4, 5, 0.7, 0.15, 0.1, 42), Progress.silent());

  /** One fit: the log it saw and its seed. */
  record Fit(InteractionLog log, long seed) {}

  /** BPR (pure Java, bit-for-bit reproducible) that remembers every fit, from any thread. */
  static final class RecordingBpr implements Encoding.Fitter {
    final List<Fit> fits = Collections.synchronizedList(new ArrayList<>());
    private final BprEncoder bpr = new BprEncoder(6, 5, new ImplicitLabels(4));

    @Override
    public Encoding fit(Dataset pretraining, long seed) {
      fits.add(new Fit(pretraining.interactions(), seed));
      return bpr.fit(pretraining, seed);
    }
  }

  @Test
  void clicksFollowThePretrainingLogAsItsNewestPositives() {
    InteractionLog.Builder b = new InteractionLog.Builder(InteractionLog.ValueKind.RATING);
    b.add(0, 1, 500, 2);
    b.add(1, 2, 900, 4);
    b.add(2, 0, 100, 3);
    InteractionLog log =
        EncoderRefresh.withClicks(b.build(), new int[] {7, 8, 9}, new int[] {3, 4, 5}, 2);

    assertThat(log.size()).isEqualTo(5);
    assertThat(log.user(1)).isEqualTo(1);
    assertThat(log.value(2)).isEqualTo(3);
    // The two clicks come after the latest pre-training row, in order, at the log's top rating.
    assertThat(new int[] {log.user(3), log.item(3), log.user(4), log.item(4)})
        .containsExactly(7, 3, 8, 4);
    assertThat(new long[] {log.time(3), log.time(4)}).containsExactly(901, 902);
    assertThat(log.isPositive(3, 4)).isTrue();
    assertThat(log.value(4)).isEqualTo(4);

    InteractionLog.Builder labels = new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    labels.add(0, 0, 10, 0);
    InteractionLog clicked =
        EncoderRefresh.withClicks(labels.build(), new int[] {1}, new int[] {2}, 1);
    assertThat(clicked.value(1)).isEqualTo(1);
    assertThat(clicked.isPositive(1, 4)).isTrue();

    assertThatThrownBy(() -> EncoderRefresh.withClicks(log, new int[1], new int[1], 2))
        .hasMessageContaining("clicks must be in 0..1, got 2");
    EncoderRefresh refresh = new EncoderRefresh(WORLD, new RecordingBpr(), 3);
    assertThatThrownBy(() -> refresh.fit(0, new int[0], new int[0], 0, null))
        .hasMessageContaining("refresh must be >= 1, got 0");
    assertThat(refresh.refreshSeed(1)).isNotEqualTo(refresh.refreshSeed(2));
  }

  @Test
  void aRefreshRefitsOnTheRunsClicksAndSwapsItsEmbeddingsOnly() {
    RecordingBpr fitter = new RecordingBpr();
    int[] users = {0, 1, 2};
    Encoding pretrained = fitter.fit(WORLD, 5);
    EncoderRefresh refresh = new EncoderRefresh(WORLD, fitter, 5);
    PaperEnvironment base =
        new PaperEnvironment(SIMULATOR, WORLD.items(), users, pretrained, false, refresh);
    PaperEnvironment run = (PaperEnvironment) base.forRun();
    assertThat(run).isNotSameAs(base);
    assertThat(run.refreshesEncoder()).isTrue();

    // Show user 0 every item once; remember what they clicked.
    DecisionContext before = run.context(0, "e0", 1, DecisionContext.UNLIMITED, Seeds.random(1));
    RandomGenerator noise = Seeds.random(2);
    List<Integer> clicked = new ArrayList<>();
    for (Arm arm : before.candidates()) {
      if (run.reward(0, arm, noise) > 0) {
        clicked.add(arm.key());
      }
    }
    assertThat(clicked).isNotEmpty();
    assertThat(run.clicks()).isEqualTo(clicked.size());

    run.refreshEncoder(1);
    Fit fit = fitter.fits.get(fitter.fits.size() - 1);
    assertThat(fit.seed()).isEqualTo(refresh.refreshSeed(1));
    InteractionLog seen = fit.log();
    int n = WORLD.interactions().size();
    assertThat(seen.size()).isEqualTo(n + clicked.size());
    for (int c = 0; c < clicked.size(); c++) {
      assertThat(seen.user(n + c)).isEqualTo(0);
      assertThat(seen.item(n + c)).isEqualTo(clicked.get(c));
    }

    Encoding refreshed = run.encoding();
    assertThat(refreshed).isNotSameAs(pretrained);
    // The re-fit, rotated onto the pre-trained space: the fit's own scores, nearer the old axes.
    Encoding raw =
        new BprEncoder(6, 5, new ImplicitLabels(4)).fit(WORLD.withInteractions(seen), fit.seed());
    int[] history = SIMULATOR.history(users[1]);
    float[] zRaw = raw.user().apply(history);
    float[] zRefreshed = refreshed.user().apply(history);
    for (int i = 0; i < WORLD.items().size(); i++) {
      assertThat(dot(refreshed.items()[i], zRefreshed))
          .isCloseTo(dot(raw.items()[i], zRaw), within(1e-4));
    }
    assertThat(distance(refreshed.items(), pretrained.items()))
        .isLessThan(distance(raw.items(), pretrained.items()));
    DecisionContext after = run.context(0, "e1", 1, DecisionContext.UNLIMITED, Seeds.random(1));
    for (int i = 0; i < WORLD.items().size(); i++) {
      assertThat(after.candidates().get(i).embedding()).containsExactly(refreshed.items()[i]);
    }
    assertThat(after.candidates().get(0).embedding())
        .isNotEqualTo(before.candidates().get(0).embedding());
    for (int k = 0; k < users.length; k++) {
      float[] z =
          run.context(k, "z" + k, 1, DecisionContext.UNLIMITED, Seeds.random(1)).userEmbedding();
      assertThat(z).containsExactly(refreshed.user().apply(SIMULATOR.history(users[k])));
    }
    // The shared environment, and any other run, still see the pre-trained encoder.
    assertThat(base.encoding()).isSameAs(pretrained);
    assertThat(
            base.context(0, "b", 1, DecisionContext.UNLIMITED, Seeds.random(1))
                .candidates()
                .get(0)
                .embedding())
        .containsExactly(pretrained.items()[0]);
    assertThat(((PaperEnvironment) base.forRun()).encoding()).isSameAs(pretrained);

    // Without alignment the re-fit is swapped in as fitted.
    PaperEnvironment unaligned =
        (PaperEnvironment)
            new PaperEnvironment(
                    SIMULATOR,
                    WORLD.items(),
                    users,
                    pretrained,
                    false,
                    new EncoderRefresh(WORLD, fitter, 5, EncoderRefresh.Alignment.NONE))
                .forRun();
    unaligned.refreshEncoder(1);
    Encoding asFitted =
        new BprEncoder(6, 5, new ImplicitLabels(4)).fit(WORLD, refresh.refreshSeed(1));
    assertThat(unaligned.encoding().items()[3]).containsExactly(asFitted.items()[3]);

    // Without a refresh the environment is shared and cannot re-fit.
    PaperEnvironment fixed = new PaperEnvironment(SIMULATOR, WORLD.items(), users, pretrained);
    assertThat(fixed.refreshesEncoder()).isFalse();
    assertThat(fixed.forRun()).isSameAs(fixed);
    assertThatThrownBy(() -> fixed.refreshEncoder(1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theRunnerRefreshesAtThePeriodOnThatRunsClicksAndReproducesPerSeed() {
    ExperimentConfig every20 =
        new ExperimentConfig("refresh", 9L, 2, 8, 60, 3, 0, 2, List.of("n-greedy"))
            .withEncoderUpdatePeriod(20);
    RecordingBpr fitter = new RecordingBpr();
    ExperimentResult result = run(every20, fitter);

    // Per trial: the pre-training fit, then refreshes after rounds 20 and 40 (none after the last).
    assertThat(fitter.fits).hasSize(2 * 3);
    int pretraining = fitter.fits.get(0).log().size();
    List<PolicyRun> runs = result.runs();
    for (int trial = 0; trial < 2; trial++) {
      List<Fit> fits = fitter.fits.subList(3 * trial, 3 * trial + 3);
      double[] ctr = runs.get(trial).cumulativeCtr();
      int trialRows = fits.get(0).log().size();
      // Each refresh saw the clicks of exactly the rounds before it: cumulative CTR · m.
      assertThat(fits.get(1).log().size() - trialRows).isEqualTo(Math.round(ctr[19] * 3));
      assertThat(fits.get(2).log().size() - trialRows).isEqualTo(Math.round(ctr[39] * 3));
      assertThat(fits.get(2).seed()).isNotEqualTo(fits.get(1).seed());
      assertThat(trialRows).isLessThan(WORLD.interactions().size());
    }
    assertThat(pretraining).isPositive();

    // Same seed, same run; the refresh changes what greedy shows; period 0 never re-fits.
    RecordingBpr again = new RecordingBpr();
    ExperimentResult same = run(every20, again);
    for (int trial = 0; trial < 2; trial++) {
      assertThat(same.runs().get(trial).cumulativeCtr())
          .containsExactly(runs.get(trial).cumulativeCtr());
      assertThat(again.fits.get(3 * trial + 2).seed())
          .isEqualTo(fitter.fits.get(3 * trial + 2).seed());
    }
    RecordingBpr never = new RecordingBpr();
    ExperimentResult off = run(every20.withEncoderUpdatePeriod(0), never);
    assertThat(never.fits).hasSize(2);
    boolean differs = false;
    for (int trial = 0; trial < 2; trial++) {
      double[] a = off.runs().get(trial).cumulativeCtr();
      double[] b = runs.get(trial).cumulativeCtr();
      // Identical until the first refresh, which then changes the embeddings greedy ranks by.
      assertThat(a[19]).isEqualTo(b[19]);
      differs |= !java.util.Arrays.equals(a, b);
    }
    assertThat(differs).isTrue();
  }

  @Test
  void procrustesUndoesARotationAndKeepsTheNewFitsScores() {
    RandomGenerator random = Seeds.random(4);
    int n = 30;
    float[][] old = new float[n][4];
    for (float[] x : old) {
      for (int f = 0; f < 4; f++) {
        x[f] = (float) random.nextGaussian();
      }
    }
    // An orthogonal map: rotations in the planes (0, 1) and (2, 3), then axis 1 reflected.
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    double c2 = Math.cos(-1.1);
    double s2 = Math.sin(-1.1);
    double[] q = {c, -s, 0, 0, s, c, 0, 0, 0, 0, c2, s2, 0, 0, -s2, c2};
    for (int p = 0; p < 4; p++) {
      q[p * 4 + 1] = -q[p * 4 + 1];
    }
    float[][] rotated = new float[n][];
    float[][] noisy = new float[n][];
    for (int i = 0; i < n; i++) {
      rotated[i] = new float[4];
      noisy[i] = new float[4];
      for (int col = 0; col < 4; col++) {
        for (int p = 0; p < 4; p++) {
          rotated[i][col] += (float) (old[i][p] * q[p * 4 + col]);
        }
        noisy[i][col] = rotated[i][col] + (float) (0.3 * random.nextGaussian());
      }
    }
    Encoding previous = new Encoding("e", old, Encoding.meanOfItems(old));
    Encoding aligned =
        ProcrustesAlignment.onto(
            new Encoding("e", rotated, Encoding.meanOfItems(rotated)), previous);
    assertThat(distance(aligned.items(), old)).isLessThan(1e-4);
    int[] history = {1, 5, 8};
    assertThat(
            distance(
                new float[][] {aligned.user().apply(history)},
                new float[][] {previous.user().apply(history)}))
        .isLessThan(1e-4);

    // A fit that is not an exact rotation keeps its own scores and ends nearer the old axes.
    Encoding next = new Encoding("e", noisy, Encoding.meanOfItems(noisy));
    Encoding fitted = ProcrustesAlignment.onto(next, previous);
    float[] z = fitted.user().apply(history);
    float[] zNext = next.user().apply(history);
    for (int i = 0; i < n; i++) {
      assertThat(dot(fitted.items()[i], z)).isCloseTo(dot(noisy[i], zNext), within(1e-4));
    }
    assertThat(distance(fitted.items(), old)).isLessThan(0.5 * distance(noisy, old));

    assertThatThrownBy(() -> ProcrustesAlignment.rotation(new float[2][3], new float[3][3]))
        .hasMessageContaining("same non-zero number of rows, got 2 and 3");
    assertThatThrownBy(() -> ProcrustesAlignment.rotation(new float[2][3], new float[2][4]))
        .hasMessageContaining("same width, got 3 and 4");
    assertThat(EncoderRefresh.Alignment.named("Procrustes"))
        .isEqualTo(EncoderRefresh.Alignment.PROCRUSTES);
    assertThatThrownBy(() -> EncoderRefresh.Alignment.named("affine"))
        .hasMessageContaining("unknown alignment 'affine'; known: none, procrustes");
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int f = 0; f < a.length; f++) {
      s += (double) a[f] * b[f];
    }
    return s;
  }

  /** Frobenius distance between two matrices of the same shape. */
  private static double distance(float[][] a, float[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int f = 0; f < a[i].length; f++) {
        double e = a[i][f] - b[i][f];
        s += e * e;
      }
    }
    return Math.sqrt(s);
  }

  private static ExperimentResult run(ExperimentConfig config, RecordingBpr fitter) {
    PaperTrials trials =
        new PaperTrials(WORLD, SIMULATOR, fitter, config.usersPerTrial(), false, true);
    return new ExperimentRunner()
        .run(config, trials, EncoderRefreshTest::policy, "taste world", Progress.silent());
  }

  private static Policy policy(String spec, BanditEnvironment environment) {
    if (!spec.equals("n-greedy")) {
      throw new IllegalArgumentException(spec);
    }
    return new NeuralGreedyPolicy();
  }
}
