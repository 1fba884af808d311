package dev.nudge.bandit.linear;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.FeatureMap;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.Slates;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Disjoint LinUCB (Li et al. 2010, Algorithm 1): one ridge model per arm key, A_a = λI + Σ x xᵀ,
 * b_a = Σ r x, θ_a = A_a⁻¹b_a, score θ_aᵀx + α√(xᵀA_a⁻¹x). An arm never shown scores α‖x‖/√λ, its
 * prior width. A⁻¹ is kept by Sherman–Morrison with exact re-inversion every 1,000 updates; θ is
 * recomputed on update, so a decision costs O(d²) per scored candidate.
 *
 * <p>Non-stationary rewards: with {@code window = W > 0} only the last W observations count; the
 * oldest is removed from its arm's model by a Sherman–Morrison downdate.
 *
 * <p>Deterministic: every slot reports probability 1 (given the scored subset); wrap in {@link
 * dev.nudge.bandit.EpsilonMix} for off-policy evaluation.
 */
public final class LinUcbPolicy implements Policy {
  public static final double DEFAULT_ALPHA = 1;
  public static final double DEFAULT_LAMBDA = 1;

  private final double alpha;
  private final double lambda;
  private final int d;
  private final FeatureMap features;
  private final int window;
  private Map<Integer, RidgeState> arms = new TreeMap<>();
  private ObservationWindow recent;

  /**
   * @param alpha the exploration weight α ≥ 0
   * @param lambda the ridge λ &gt; 0
   * @param d the feature dimension
   * @param features how x is built from the context and arm
   * @param window only the last {@code window} observations count (0 = all)
   */
  public LinUcbPolicy(double alpha, double lambda, int d, FeatureMap features, int window) {
    LinearChecks.nonNegative("alpha", alpha);
    LinearChecks.positive("lambda", lambda);
    LinearChecks.dimension("d", d);
    LinearChecks.window(window);
    this.alpha = alpha;
    this.lambda = lambda;
    this.d = d;
    this.features = java.util.Objects.requireNonNull(features, "features");
    this.window = window;
    this.recent = window > 0 ? new ObservationWindow(window, d) : null;
  }

  @Override
  public String name() {
    return "linucb(alpha="
        + alpha
        + ", lambda="
        + lambda
        + ", d="
        + d
        + ", features="
        + features.label()
        + (window > 0 ? ", window=" + window : "")
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    double[] scores = new double[scored.length];
    double[] means = new double[scored.length];
    double[] scratch = new double[d];
    for (int s = 0; s < scored.length; s++) {
      Arm arm = context.candidates().get(scored[s]);
      double[] x = features.vector(context, arm, d);
      RidgeState model = arms.get(arm.key());
      double width;
      if (model == null) {
        means[s] = 0;
        width = Math.sqrt(dev.nudge.math.Dense.dot(x, x, d) / lambda);
      } else {
        means[s] = model.mean(x);
        width = model.width(x, scratch);
      }
      scores[s] = means[s] + alpha * width;
    }
    return Slates.topScores(context, scored, scores, means, name());
  }

  @Override
  public void learn(Feedback feedback) {
    double[] x = features.vector(feedback.context(), feedback.arm(), d).clone();
    int key = feedback.arm().key();
    arms.computeIfAbsent(key, k -> new RidgeState(d, lambda)).add(x, feedback.reward());
    if (recent != null) {
      ObservationWindow.Evicted old = recent.push(key, x, feedback.reward());
      if (old != null) {
        arms.get(old.key()).remove(old.x(), old.reward());
      }
    }
  }

  /** θ of an arm key (a copy), or null when the arm was never shown; for tests and inspection. */
  public double[] theta(int key) {
    RidgeState model = arms.get(key);
    return model == null ? null : model.theta().clone();
  }

  @Override
  public Policy copy() {
    LinUcbPolicy copy = new LinUcbPolicy(alpha, lambda, d, features, window);
    for (Map.Entry<Integer, RidgeState> e : arms.entrySet()) {
      copy.arms.put(e.getKey(), e.getValue().copy());
    }
    copy.recent = recent == null ? null : recent.copy();
    return copy;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeInt(arms.size());
    for (Map.Entry<Integer, RidgeState> e : arms.entrySet()) {
      out.writeInt(e.getKey());
      e.getValue().write(out);
    }
    if (recent != null) {
      recent.write(out);
    }
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt LinUCB state: " + n + " arms");
    }
    Map<Integer, RidgeState> read = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int key = in.readInt();
      RidgeState model = new RidgeState(d, lambda);
      model.read(in);
      read.put(key, model);
    }
    if (recent != null) {
      recent.read(in);
    }
    arms = read;
  }
}
