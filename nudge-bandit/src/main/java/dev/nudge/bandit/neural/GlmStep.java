package dev.nudge.bandit.neural;

/**
 * How the shared GLM heads (θ̂_x, θ̂_z of S-N-GALM-UCB, Θ̂ of S-N-GBLM-UCB) learn from one observed
 * reward r ∈ [0, 1] with logit s: both are online steps on the logistic loss, whose gradient is
 * (σ(s) − r)·v for the feature vector v of the head. Each feedback is one step; no data is kept, so
 * an update costs the same at round 10 as at round 10⁶.
 */
public enum GlmStep {
  /**
   * θ ← θ − η (σ(s) − r) v: the paper's gradient descent, with its learning rates (0.01 additive,
   * 0.001 bilinear) as defaults. Faithful but slow: with those rates a single click moves Θ̂ by at
   * most 0.001·‖x‖‖z‖, so S-N-GBLM-UCB needs tens of thousands of rounds to learn.
   */
  GRADIENT,
  /**
   * θ ← θ − η (σ(s) − r) A⁻¹v with A the policy's own design matrix after the update (A_x, A_z or
   * W): an online Newton step (recursive least squares on the logistic residual). A⁻¹v is already
   * computed by the Sherman–Morrison update, so it costs nothing extra; η = 1 treats the logistic
   * curvature as 1 (its true value is at most 1/4), a damped and stable step. The default.
   */
  PRECONDITIONED;

  /** The default learning rate of this step for an additive or a bilinear head. */
  public double defaultLearningRate(boolean bilinear) {
    return switch (this) {
      case GRADIENT -> bilinear ? 0.001 : 0.01;
      case PRECONDITIONED -> 1.0;
    };
  }
}
