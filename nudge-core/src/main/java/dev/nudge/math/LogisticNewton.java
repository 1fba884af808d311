package dev.nudge.math;

/**
 * Ridge-regularised logistic regression by Newton's method (equivalently IRLS). Minimises
 *
 * <pre>L(θ) = Σᵢ [log(1 + exp(xᵢᵀθ)) − yᵢ xᵢᵀθ] + (λ/2)‖θ‖²</pre>
 *
 * <p>with gradient g = Σᵢ (σ(xᵢᵀθ) − yᵢ) xᵢ + λθ and Hessian H = Σᵢ σᵢ(1 − σᵢ) xᵢxᵢᵀ + λI. The
 * ridge term is what makes the estimate exist: with few, separable observations (a user's first
 * clicks) the plain maximum-likelihood estimate runs off to infinity. Each step is θ ← θ − t·H⁻¹g
 * with t halved until L decreases (L is convex, so t = 1 is almost always accepted). Labels are
 * success probabilities in [0, 1], so real-valued rewards in that range are allowed. Stateless.
 */
public final class LogisticNewton {
  private LogisticNewton() {}

  /**
   * The result of a fit.
   *
   * @param theta the estimate
   * @param iterations Newton steps taken
   * @param gradientNorm the largest |gᵢ| at the estimate
   * @param converged true when the last Newton step moved no coordinate by more than the tolerance
   *     (or no step could lower the loss at double precision)
   */
  public record Fit(double[] theta, int iterations, double gradientNorm, boolean converged) {}

  /**
   * Fits θ from n rows of d features (row-major {@code rows[i*d + j]}) and labels in [0, 1].
   *
   * @param start the initial θ (a warm start from the previous fit), or null for zero
   */
  public static Fit fit(
      double[] rows,
      double[] labels,
      int n,
      int d,
      double lambda,
      double[] start,
      int maxIterations,
      double tolerance) {
    if (d < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + d);
    }
    if (n < 0 || rows.length < n * d || labels.length < n) {
      throw new IllegalArgumentException(
          "need " + n + " rows of " + d + " values and " + n + " labels");
    }
    if (!(lambda > 0) || !Double.isFinite(lambda)) {
      throw new IllegalArgumentException("lambda must be > 0 and finite, got " + lambda);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
    }
    for (int i = 0; i < n; i++) {
      if (!(labels[i] >= 0 && labels[i] <= 1)) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, 1], got " + labels[i]);
      }
    }
    if (start != null && start.length != d) {
      throw new IllegalArgumentException("start has length " + start.length + ", expected " + d);
    }
    double[] theta = start == null ? new double[d] : start.clone();
    double[] step = new double[d];
    double[] trial = new double[d];
    // One pass over the rows gives loss, gradient and Hessian together; a trial point that is
    // accepted therefore already carries what the next Newton step needs.
    Evaluation current = new Evaluation(d);
    Evaluation candidate = new Evaluation(d);
    current.evaluate(rows, labels, n, d, lambda, theta);
    int iterations = 0;
    boolean converged = false;
    while (iterations < maxIterations) {
      if (!Dense.choleskySolve(current.hess, current.grad, step, d)) {
        throw new IllegalStateException("logistic Hessian is not positive definite");
      }
      iterations++;
      double largest = 0;
      for (int j = 0; j < d; j++) {
        largest = Math.max(largest, Math.abs(step[j]));
      }
      if (largest <= tolerance) {
        // Newton converges quadratically near the optimum: take the last tiny step as is.
        for (int j = 0; j < d; j++) {
          theta[j] -= step[j];
        }
        converged = true;
        break;
      }
      // Backtrack until the loss does not increase beyond rounding (t = 1 almost always).
      double slack = 1e-12 * (1 + Math.abs(current.loss));
      boolean accepted = false;
      double t = 1;
      for (int halvings = 0; halvings < 30 && !accepted; halvings++) {
        for (int j = 0; j < d; j++) {
          trial[j] = theta[j] - t * step[j];
        }
        candidate.evaluate(rows, labels, n, d, lambda, trial);
        accepted = candidate.loss <= current.loss + slack;
        t /= 2;
      }
      if (!accepted) {
        converged = true; // no descent left at double precision
        break;
      }
      System.arraycopy(trial, 0, theta, 0, d);
      Evaluation swap = current;
      current = candidate;
      candidate = swap;
    }
    double gradNorm = 0;
    for (double g : current.grad) {
      gradNorm = Math.max(gradNorm, Math.abs(g));
    }
    return new Fit(theta, iterations, gradNorm, converged);
  }

  /** Loss, gradient and Hessian at one point. */
  private static final class Evaluation {
    final double[] grad;
    final double[] hess;
    double loss;

    Evaluation(int d) {
      grad = new double[d];
      hess = new double[d * d];
    }

    void evaluate(double[] rows, double[] labels, int n, int d, double lambda, double[] theta) {
      java.util.Arrays.fill(hess, 0.0);
      double total = 0;
      for (int j = 0; j < d; j++) {
        grad[j] = lambda * theta[j];
        hess[j * d + j] = lambda;
        total += 0.5 * lambda * theta[j] * theta[j];
      }
      for (int i = 0; i < n; i++) {
        int off = i * d;
        double z = dotRow(rows, off, theta, d);
        // One exp serves both σ(z) and log(1 + e^z).
        double e = Math.exp(-Math.abs(z));
        double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        total += Math.max(z, 0) + Math.log1p(e) - labels[i] * z;
        double r = p - labels[i];
        double w = p * (1 - p);
        for (int a = 0; a < d; a++) {
          double xa = rows[off + a];
          grad[a] += r * xa;
          double wa = w * xa;
          int row = a * d;
          for (int b = 0; b < d; b++) {
            hess[row + b] += wa * rows[off + b];
          }
        }
      }
      loss = total;
    }
  }

  /** σ(z) = 1/(1 + e^(−z)), computed without overflow for large |z|. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** log(1 + e^z) without overflow. */
  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** The penalised negative log-likelihood L(θ). */
  public static double loss(
      double[] rows, double[] labels, int n, int d, double lambda, double[] theta) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double z = dotRow(rows, i * d, theta, d);
      total += softplus(z) - labels[i] * z;
    }
    return total + 0.5 * lambda * Dense.dot(theta, theta, d);
  }

  private static double dotRow(double[] rows, int off, double[] theta, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += rows[off + j] * theta[j];
    }
    return s;
  }
}
