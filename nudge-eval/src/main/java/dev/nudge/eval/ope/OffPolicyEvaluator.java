package dev.nudge.eval.ope;

import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Estimates a target policy's value per round from logged rounds with five estimators at once:
 *
 * <ul>
 *   <li>IPS: mean of w·r, with w = π(a|x)/p(a|x); unbiased, high variance.
 *   <li>SNIPS: Σ w·r / Σ w; slightly biased, much lower variance when weights are large.
 *   <li>DM: mean of Σ_a π(a|x)·r̂(x,a); low variance, biased as the reward model is.
 *   <li>DR: DM + mean of w·(r − r̂(x,a)); unbiased if either propensities or r̂ are right.
 *   <li>Replay (Li et al. 2011): keep the rounds where the target, sampling from π, picks the
 *       logged action; their mean reward. Unbiased only when the logging policy was uniform.
 * </ul>
 *
 * <p>The reward model is cross-fitted: with k folds, each round's r̂ comes from a model fitted on
 * the other folds, so DR's correction term is not fooled by r̂ having seen the round. Confidence
 * intervals are percentile bootstraps over rounds, seeded. Thread-safe (it holds configuration
 * only).
 */
public final class OffPolicyEvaluator {

  /**
   * @param bootstrapSamples resamples for the intervals (0 = no intervals)
   * @param confidence interval coverage, e.g. 0.95
   * @param folds cross-fitting folds for the reward model (1 = fit and predict on all rounds)
   * @param seed root seed of the bootstrap and of replay's sampling
   */
  public record Config(int bootstrapSamples, double confidence, int folds, long seed) {
    public static final Config DEFAULT = new Config(500, 0.95, 2, Seeds.DEFAULT_SEED);

    public Config {
      if (bootstrapSamples < 0) {
        throw new IllegalArgumentException(
            "bootstrapSamples must be >= 0, got " + bootstrapSamples);
      }
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
      }
      if (folds < 1) {
        throw new IllegalArgumentException("folds must be >= 1, got " + folds);
      }
    }
  }

  private final Config config;

  public OffPolicyEvaluator(Config config) {
    this.config = config;
  }

  /** Evaluates {@code target} on {@code rounds}, fitting reward models with {@code fitter}. */
  public OpeReport evaluate(
      List<LoggedRound> rounds, TargetPolicy target, RewardModel.Fitter fitter) {
    return evaluate(rounds, target, fitter, Progress.silent());
  }

  public OpeReport evaluate(
      List<LoggedRound> rounds, TargetPolicy target, RewardModel.Fitter fitter, Progress progress) {
    int n = rounds.size();
    if (n == 0) {
      throw new IllegalArgumentException("no logged rounds to evaluate on");
    }
    int folds = Math.min(config.folds(), n);
    RewardModel[] models = fitModels(rounds, fitter, folds);
    double[] weight = new double[n];
    double[] direct = new double[n];
    double[] matched = new double[n];
    double[] weighted = new double[n];
    double[] corrected = new double[n];
    double[] replayed = new double[n];
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    double loggedValue = 0;
    for (int i = 0; i < n; i++) {
      LoggedRound round = rounds.get(i);
      double[] pi = target.distribution(round.context());
      double[] rHat = models[i % folds].predict(round.context());
      double r = round.reward();
      weight[i] = pi[round.action()] / round.propensity();
      for (int a = 0; a < pi.length; a++) {
        direct[i] += pi[a] * rHat[a];
      }
      RandomGenerator draw = Seeds.random(Seeds.derive(config.seed(), "replay"), i);
      matched[i] = sample(pi, draw.nextDouble()) == round.action() ? 1 : 0;
      weighted[i] = weight[i] * r;
      corrected[i] = direct[i] + weight[i] * (r - rHat[round.action()]);
      replayed[i] = matched[i] * r;
      loggedValue += r / n;
      progress.step(1);
    }
    List<Estimate> estimates =
        List.of(
            withInterval(new Ratio("ips", weighted, ones, n)),
            withInterval(new Ratio("snips", weighted, weight, n)),
            withInterval(new Ratio("dm", direct, ones, n)),
            withInterval(new Ratio("dr", corrected, ones, n)),
            withInterval(
                new Ratio("replay", replayed, matched, (int) Arrays.stream(matched).sum())));
    double sumW = Arrays.stream(weight).sum();
    double sumW2 = Arrays.stream(weight).map(w -> w * w).sum();
    double maxW = Arrays.stream(weight).max().orElse(0);
    return new OpeReport(
        target.name(), n, sumW2 > 0 ? sumW * sumW / sumW2 : 0, maxW, loggedValue, estimates);
  }

  private RewardModel[] fitModels(List<LoggedRound> rounds, RewardModel.Fitter fitter, int folds) {
    RewardModel[] models = new RewardModel[folds];
    if (folds == 1) {
      models[0] = fitter.fit(rounds);
      return models;
    }
    for (int f = 0; f < folds; f++) {
      List<LoggedRound> training = new ArrayList<>(rounds.size());
      for (int i = 0; i < rounds.size(); i++) {
        if (i % folds != f) {
          training.add(rounds.get(i));
        }
      }
      models[f] = fitter.fit(training);
    }
    return models;
  }

  private static int sample(double[] p, double u) {
    double cumulative = 0;
    for (int a = 0; a < p.length; a++) {
      cumulative += p[a];
      if (u < cumulative) {
        return a;
      }
    }
    return p.length - 1;
  }

  /**
   * An estimator as a ratio of per-round terms, Σ numerator / Σ denominator over the rounds used:
   * the plain means (IPS, DM, DR) divide by a denominator of ones, SNIPS by the weights, replay by
   * the matches. One form serves the point estimate and every bootstrap resample.
   *
   * @param used the rounds the estimate rests on (replay: the matched ones)
   */
  private record Ratio(String name, double[] numerator, double[] denominator, int used) {
    /** The estimate over rounds {@code idx} (a resample or all); NaN when the denominator is 0. */
    double over(int[] idx) {
      double num = 0;
      double den = 0;
      for (int i : idx) {
        num += numerator[i];
        den += denominator[i];
      }
      return den > 0 ? num / den : Double.NaN;
    }
  }

  private Estimate withInterval(Ratio ratio) {
    int n = ratio.numerator().length;
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    double point = ratio.over(all);
    int used = ratio.used();
    if (config.bootstrapSamples() == 0) {
      return new Estimate(ratio.name(), point, Double.NaN, Double.NaN, used);
    }
    RandomGenerator random = Seeds.random(config.seed(), "bootstrap-" + ratio.name());
    double[] values = new double[config.bootstrapSamples()];
    int[] idx = new int[n];
    int kept = 0;
    for (int b = 0; b < values.length; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = random.nextInt(n);
      }
      double v = ratio.over(idx);
      if (!Double.isNaN(v)) {
        values[kept++] = v;
      }
    }
    if (kept == 0) {
      return new Estimate(ratio.name(), point, Double.NaN, Double.NaN, used);
    }
    double[] sorted = Arrays.copyOf(values, kept);
    Arrays.sort(sorted);
    double alpha = (1 - config.confidence()) / 2;
    return new Estimate(
        ratio.name(), point, quantile(sorted, alpha), quantile(sorted, 1 - alpha), used);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
