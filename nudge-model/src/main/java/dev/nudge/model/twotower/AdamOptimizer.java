package dev.nudge.model.twotower;

/**
 * Adam on plain arrays, dense or row-sparse. A row-sparse step updates only the rows a batch
 * touched ("lazy" Adam, as TensorFlow's LazyAdam): untouched rows keep their moments, so one step
 * costs the batch's rows, not the table. Bias correction uses the global step. Single-threaded.
 */
final class AdamOptimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float learningRate;
  private final float l2;
  private final float weightDecay;
  private long step;
  private float correction1;
  private float correction2;

  /**
   * @param learningRate the step size
   * @param l2 L2 weight added to the gradient of every table row a step touches (not to dense
   *     parameters): the lazy counterpart of regularising the batch's embeddings in the loss
   */
  AdamOptimizer(double learningRate, double l2) {
    this(learningRate, l2, 0);
  }

  /**
   * @param learningRate the step size
   * @param l2 L2 weight added to the gradient of every table row a step touches
   * @param weightDecay decoupled weight decay (AdamW, Loshchilov and Hutter): each touched table
   *     row and each dense weight matrix shrinks by {@code learningRate * weightDecay} of itself
   *     per step, outside Adam's per-coordinate scaling, which would otherwise blunt an L2 term
   */
  AdamOptimizer(double learningRate, double l2, double weightDecay) {
    this.learningRate = (float) learningRate;
    this.l2 = (float) l2;
    this.weightDecay = (float) weightDecay;
  }

  /** Starts a step: advances the bias corrections shared by every parameter of this step. */
  void beginStep() {
    step++;
    correction1 = (float) (1 - Math.pow(BETA1, step));
    correction2 = (float) (1 - Math.pow(BETA2, step));
  }

  /** The moments of one parameter array. */
  static final class Moments {
    final float[] m;
    final float[] v;

    Moments(int size) {
      m = new float[size];
      v = new float[size];
    }
  }

  /** A dense step over the whole array, without weight decay (biases, attention query). */
  void dense(float[] param, float[] grad, Moments s) {
    update(param, grad, s, 0, 0, param.length, 0f);
  }

  /** A dense step over a weight matrix: decoupled weight decay, then Adam. */
  void denseDecayed(float[] param, float[] grad, Moments s) {
    decay(param, 0, param.length);
    update(param, grad, s, 0, 0, param.length, 0f);
  }

  /**
   * A step over one row of a table.
   *
   * @param offset where the row starts in {@code param}
   * @param gradOffset where its gradient starts in {@code grad}
   * @param width the row's width
   */
  void row(float[] param, float[] grad, Moments s, int offset, int gradOffset, int width) {
    decay(param, offset, width);
    update(param, grad, s, offset, gradOffset, width, l2);
  }

  private void decay(float[] param, int offset, int n) {
    if (weightDecay == 0) {
      return;
    }
    float keep = 1 - learningRate * weightDecay;
    for (int k = offset; k < offset + n; k++) {
      param[k] *= keep;
    }
  }

  private void update(
      float[] param, float[] grad, Moments s, int offset, int gradOffset, int n, float decay) {
    float lr = learningRate * (float) Math.sqrt(correction2) / correction1;
    for (int k = 0; k < n; k++) {
      int p = offset + k;
      float g = grad[gradOffset + k] + decay * param[p];
      s.m[p] = BETA1 * s.m[p] + (1 - BETA1) * g;
      s.v[p] = BETA2 * s.v[p] + (1 - BETA2) * g * g;
      param[p] -= lr * s.m[p] / ((float) Math.sqrt(s.v[p]) + EPSILON);
    }
  }
}
