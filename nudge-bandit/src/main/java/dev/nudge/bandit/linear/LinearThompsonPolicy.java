package dev.nudge.bandit.linear;

import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.FeatureMap;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.Slates;
import dev.nudge.math.Dense;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Linear Thompson sampling (Agrawal &amp; Goyal 2013) with one ridge model shared by all arms: A =
 * λI + Σ x xᵀ, θ = A⁻¹b, and per decision a draw θ̃ ~ N(θ, v²A⁻¹), the slate being the arms by
 * descending xᵀθ̃. The draw is θ̃ = θ + v·L·z with z ~ N(0, I) and L the Cholesky factor of A⁻¹,
 * refreshed on every update so that deciding costs O(d²) plus O(d) per candidate.
 *
 * <p>Probabilities are estimated ({@link Slates#thompson}) from {@code samples} further draws of
 * θ̃; the slate says so ({@code probabilitiesEstimated}). A window keeps only the last W
 * observations.
 */
public final class LinearThompsonPolicy implements Policy {
  public static final double DEFAULT_V = 0.1;
  public static final double DEFAULT_LAMBDA = 1;
  public static final int DEFAULT_SAMPLES = 128;

  private final double v;
  private final double lambda;
  private final int d;
  private final FeatureMap features;
  private final int samples;
  private final int window;
  private RidgeState model;
  private double[] factor;
  private ObservationWindow recent;

  /**
   * @param v the posterior scale v ≥ 0 (0 = greedy on θ)
   * @param lambda the ridge λ &gt; 0
   * @param d the feature dimension
   * @param features how x is built
   * @param samples draws used to estimate probabilities, ≥ 1
   * @param window only the last {@code window} observations count (0 = all)
   */
  public LinearThompsonPolicy(
      double v, double lambda, int d, FeatureMap features, int samples, int window) {
    LinearChecks.nonNegative("v", v);
    LinearChecks.positive("lambda", lambda);
    LinearChecks.dimension("d", d);
    LinearChecks.samples(samples);
    LinearChecks.window(window);
    this.v = v;
    this.lambda = lambda;
    this.d = d;
    this.features = java.util.Objects.requireNonNull(features, "features");
    this.samples = samples;
    this.window = window;
    this.model = new RidgeState(d, lambda);
    this.recent = window > 0 ? new ObservationWindow(window, d) : null;
    refreshFactor();
  }

  @Override
  public String name() {
    return "lints(v="
        + v
        + ", lambda="
        + lambda
        + ", d="
        + d
        + ", features="
        + features.label()
        + (samples != DEFAULT_SAMPLES ? ", samples=" + samples : "")
        + (window > 0 ? ", window=" + window : "")
        + ")";
  }

  private void refreshFactor() {
    factor = Dense.choleskyLower(model.inverse(), d);
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    int s = scored.length;
    double[] xs = new double[s * d];
    for (int i = 0; i < s; i++) {
      double[] x = features.vector(context, context.candidates().get(scored[i]), d);
      System.arraycopy(x, 0, xs, i * d, d);
    }
    double[] theta = model.theta();
    double[] lower = factor;
    double[] z = new double[d];
    double[] draw = new double[d];
    return Slates.thompson(
        context,
        scored,
        (random, out) -> {
          for (int j = 0; j < d; j++) {
            z[j] = random.nextGaussian();
          }
          // θ̃ = θ + v·L·z, L lower triangular.
          for (int a = 0; a < d; a++) {
            double acc = 0;
            int off = a * d;
            for (int b = 0; b <= a; b++) {
              acc += lower[off + b] * z[b];
            }
            draw[a] = theta[a] + v * acc;
          }
          for (int i = 0; i < s; i++) {
            out[i] = Dense.dotAt(xs, i * d, draw, d);
          }
        },
        samples,
        name());
  }

  @Override
  public void learn(Feedback feedback) {
    double[] x = features.vector(feedback.context(), feedback.arm(), d).clone();
    model.add(x, feedback.reward());
    if (recent != null) {
      ObservationWindow.Evicted old = recent.push(feedback.arm().key(), x, feedback.reward());
      if (old != null) {
        model.remove(old.x(), old.reward());
      }
    }
    refreshFactor();
  }

  /** θ (a copy), for tests and inspection. */
  public double[] theta() {
    return model.theta().clone();
  }

  @Override
  public Policy copy() {
    LinearThompsonPolicy copy = new LinearThompsonPolicy(v, lambda, d, features, samples, window);
    copy.model = model.copy();
    copy.factor = factor.clone();
    copy.recent = recent == null ? null : recent.copy();
    return copy;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    model.write(out);
    if (recent != null) {
      recent.write(out);
    }
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    RidgeState read = new RidgeState(d, lambda);
    read.read(in);
    if (recent != null) {
      recent.read(in);
    }
    model = read;
    refreshFactor();
  }
}
