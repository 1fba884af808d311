package dev.nudge.bandit.glm;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.Budget;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.FeatureMap;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.bandit.Slates;
import dev.nudge.bandit.linear.LinearChecks;
import dev.nudge.math.Dense;
import dev.nudge.math.LogisticNewton;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * GLM-UCB (Filippi et al. 2010) per user, with the logistic link: score σ(xᵀθ̂_u) + β‖x‖_{M_u⁻¹},
 * M_u = λI + D_uᵀD_u over the items shown to user u, θ̂_u the ridge-regularised (λ) logistic
 * maximum-likelihood estimate refit by Newton/IRLS after every reward (the paper refits every
 * round). λ = 1 gives the reference's M_u = D_uᵀD_u + I; the ridge also makes θ̂_u exist before a
 * user's data stop being separable. Rewards are clamped to [0, 1] as success probabilities.
 *
 * <p>With {@link FeatureMap#EMBEDDING} this is N-GLM-UCB: the same model on two-tower item
 * embeddings instead of raw features; its name is then {@code n-glm-ucb}. The unknown user (key −1)
 * is one pooled user. A window keeps each user's last W observations (non-stationarity and a bound
 * on refit cost, which is O(n_u d²) per Newton step).
 *
 * <p>Deterministic: probability 1 per slot; wrap in {@link dev.nudge.bandit.EpsilonMix} for
 * off-policy evaluation.
 */
public final class GlmUcbPolicy implements Policy {
  public static final double DEFAULT_BETA = 0.1;
  public static final double DEFAULT_LAMBDA = 1;

  private final double beta;
  private final double lambda;
  private final int d;
  private final FeatureMap features;
  private final int window;
  private Map<Integer, UserGlm> users = new TreeMap<>();

  /**
   * @param beta the exploration weight β ≥ 0 (0.1 in the paper's experiments)
   * @param lambda the ridge λ &gt; 0
   * @param d the feature dimension
   * @param features {@code arm} or {@code arm+context} for GLM-UCB, {@code embedding} for N-GLM-UCB
   * @param window per-user observations kept (0 = all)
   */
  public GlmUcbPolicy(double beta, double lambda, int d, FeatureMap features, int window) {
    LinearChecks.nonNegative("beta", beta);
    LinearChecks.positive("lambda", lambda);
    LinearChecks.dimension("d", d);
    LinearChecks.window(window);
    this.beta = beta;
    this.lambda = lambda;
    this.d = d;
    this.features = Objects.requireNonNull(features, "features");
    this.window = window;
  }

  @Override
  public String name() {
    boolean neural = features == FeatureMap.EMBEDDING;
    return (neural ? "n-glm-ucb" : "glm-ucb")
        + "(beta="
        + beta
        + ", lambda="
        + lambda
        + ", d="
        + d
        + (neural ? "" : ", features=" + features.label())
        + (window > 0 ? ", window=" + window : "")
        + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    int[] scored = Budget.scoredIndices(context);
    UserGlm user = users.get(context.userKey());
    double[] scores = new double[scored.length];
    double[] means = new double[scored.length];
    double[] scratch = new double[d];
    for (int s = 0; s < scored.length; s++) {
      Arm arm = context.candidates().get(scored[s]);
      double[] x = features.vector(context, arm, d);
      double width;
      if (user == null) {
        means[s] = 0.5;
        width = Math.sqrt(Dense.dot(x, x, d) / lambda);
      } else {
        means[s] = LogisticNewton.sigmoid(Dense.dot(user.theta(), x, d));
        width = Math.sqrt(Math.max(0, user.quadraticForm(x, scratch)));
      }
      scores[s] = means[s] + beta * width;
    }
    return Slates.topScores(context, scored, scores, means, name());
  }

  @Override
  public void learn(Feedback feedback) {
    double[] x = features.vector(feedback.context(), feedback.arm(), d);
    users
        .computeIfAbsent(feedback.context().userKey(), u -> new UserGlm(d, lambda, window))
        .add(x, Math.clamp(feedback.reward(), 0.0, 1.0));
  }

  /** θ̂_u (a copy), or null for a user never seen; for tests and inspection. */
  public double[] theta(int userKey) {
    UserGlm user = users.get(userKey);
    return user == null ? null : user.theta().clone();
  }

  /** The observations kept for a user as rows (row-major, d per row), or null. */
  public double[] observations(int userKey) {
    UserGlm user = users.get(userKey);
    return user == null ? null : user.rows();
  }

  /** The rewards kept for a user, aligned with {@link #observations}, or null. */
  public double[] rewards(int userKey) {
    UserGlm user = users.get(userKey);
    return user == null ? null : user.labels();
  }

  @Override
  public Policy copy() {
    GlmUcbPolicy copy = new GlmUcbPolicy(beta, lambda, d, features, window);
    for (Map.Entry<Integer, UserGlm> e : users.entrySet()) {
      copy.users.put(e.getKey(), e.getValue().copy());
    }
    return copy;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeInt(users.size());
    for (Map.Entry<Integer, UserGlm> e : users.entrySet()) {
      out.writeInt(e.getKey());
      e.getValue().write(out);
    }
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt GLM-UCB state: " + n + " users");
    }
    Map<Integer, UserGlm> read = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int key = in.readInt();
      UserGlm user = new UserGlm(d, lambda, window);
      user.read(in);
      read.put(key, user);
    }
    users = read;
  }
}
