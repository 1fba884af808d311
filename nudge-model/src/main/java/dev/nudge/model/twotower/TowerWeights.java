package dev.nudge.model.twotower;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The parameters of one tower as plain arrays, and its forward pass in plain Java, so a trained
 * model is served without any engine. Training reads and writes these arrays directly (see {@link
 * TwoTowerTrainer}); a weight matrix is stored row-major as {@code [in][out]}.
 */
final class TowerWeights {
  final TowerConfig config;
  final int outputDim;
  final boolean cosine;

  /** Per input group the embedding table ({@code tableRows * dim}), or null for numeric groups. */
  final float[][] tables;

  /** The attention query of the history group, or null when there is none. */
  final float[] query;

  /** Per layer the {@code in * out} weights; the last layer maps to {@code outputDim}. */
  final float[][] weights;

  /** Per layer the biases. */
  final float[][] biases;

  TowerWeights(
      TowerConfig config,
      int outputDim,
      boolean cosine,
      float[][] tables,
      float[] query,
      float[][] weights,
      float[][] biases) {
    this.config = config;
    this.outputDim = outputDim;
    this.cosine = cosine;
    this.tables = tables;
    this.query = query;
    this.weights = weights;
    this.biases = biases;
  }

  /** Fresh weights: small Gaussian embeddings, Glorot-uniform layers, zero biases and query. */
  static TowerWeights init(
      TowerConfig config, int outputDim, boolean cosine, TowerInputs inputs, RandomGenerator rng) {
    List<InputGroup> groups = config.inputs();
    float[][] tables = new float[groups.size()][];
    float[] query = null;
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      if (group.kind() == InputGroup.Kind.NUMERIC) {
        continue;
      }
      tables[g] = new float[inputs.tableRows(g) * group.dim()];
      for (int k = 0; k < tables[g].length; k++) {
        tables[g][k] = (float) (rng.nextGaussian() * 0.1);
      }
      if (group.kind() == InputGroup.Kind.HISTORY) {
        query = new float[group.dim()];
      }
    }
    int[] sizes = layerSizes(config, outputDim);
    float[][] weights = new float[sizes.length - 1][];
    float[][] biases = new float[sizes.length - 1][];
    for (int l = 0; l < weights.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double limit = Math.sqrt(6.0 / (in + out));
      weights[l] = new float[in * out];
      for (int k = 0; k < weights[l].length; k++) {
        weights[l][k] = (float) ((rng.nextDouble() * 2 - 1) * limit);
      }
      biases[l] = new float[out];
    }
    return new TowerWeights(config, outputDim, cosine, tables, query, weights, biases);
  }

  /** Widths of the MLP: the concatenated inputs, each hidden layer, the output. */
  static int[] layerSizes(TowerConfig config, int outputDim) {
    List<Integer> hidden = config.hidden();
    int[] sizes = new int[hidden.size() + 2];
    sizes[0] = config.inputWidth();
    for (int l = 0; l < hidden.size(); l++) {
      sizes[l + 1] = hidden.get(l);
    }
    sizes[sizes.length - 1] = outputDim;
    return sizes;
  }

  /** A deep copy (early stopping keeps the best epoch's weights). */
  TowerWeights copy() {
    float[][] t = new float[tables.length][];
    for (int g = 0; g < tables.length; g++) {
      t[g] = tables[g] == null ? null : tables[g].clone();
    }
    float[][] w = new float[weights.length][];
    float[][] b = new float[biases.length][];
    for (int l = 0; l < weights.length; l++) {
      w[l] = weights[l].clone();
      b[l] = biases[l].clone();
    }
    return new TowerWeights(
        config, outputDim, cosine, t, query == null ? null : query.clone(), w, b);
  }

  /**
   * The tower's output for one entity.
   *
   * @param inputs encoded inputs
   * @param row the entity
   * @param dropout per hidden layer a mask already scaled by 1/(1-p), or null for no dropout
   */
  float[] forward(TowerInputs inputs, int row, float[][] dropout) {
    float[] x = new float[config.inputWidth()];
    int at = 0;
    List<InputGroup> groups = config.inputs();
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      int d = group.dim();
      switch (group.kind()) {
        case NUMERIC -> x[at] = inputs.numbers(g)[row];
        case ID, CATEGORICAL -> {
          // -1: an entity with no row of its own (a cold user's id) reads zeros.
          int index = inputs.indices(g)[row];
          if (index >= 0) {
            System.arraycopy(tables[g], index * d, x, at, d);
          }
        }
        case TEXT ->
            mean(tables[g], inputs.indices(g), row * group.slots(), group.slots(), d, x, at);
        case HISTORY ->
            attend(
                tables[g], query, inputs.indices(g), row * group.slots(), group.slots(), d, x, at);
      }
      at += d;
    }
    for (int l = 0; l < weights.length; l++) {
      int in = x.length;
      int out = biases[l].length;
      float[] y = biases[l].clone();
      float[] w = weights[l];
      for (int i = 0; i < in; i++) {
        float xi = x[i];
        if (xi == 0f) {
          continue;
        }
        int base = i * out;
        for (int o = 0; o < out; o++) {
          y[o] += xi * w[base + o];
        }
      }
      boolean hidden = l < weights.length - 1;
      if (hidden) {
        for (int o = 0; o < out; o++) {
          y[o] = activate(y[o]);
          if (dropout != null) {
            y[o] *= dropout[l][o];
          }
        }
      }
      x = y;
    }
    if (cosine) {
      double norm = 0;
      for (float v : x) {
        norm += (double) v * v;
      }
      float inv = (float) (1 / Math.sqrt(norm + 1e-12));
      for (int o = 0; o < x.length; o++) {
        x[o] *= inv;
      }
    }
    return x;
  }

  private float activate(float v) {
    return switch (config.activation()) {
      case RELU -> v > 0 ? v : 0f;
      case GELU -> (float) (0.5 * v * (1 + erf(v / Math.sqrt(2))));
    };
  }

  private static void mean(float[] table, int[] idx, int from, int len, int d, float[] x, int at) {
    int n = 0;
    for (int s = from; s < from + len; s++) {
      if (idx[s] >= 0) {
        n++;
        int base = idx[s] * d;
        for (int k = 0; k < d; k++) {
          x[at + k] += table[base + k];
        }
      }
    }
    if (n > 0) {
      for (int k = 0; k < d; k++) {
        x[at + k] /= n;
      }
    }
  }

  private static void attend(
      float[] table, float[] query, int[] idx, int from, int len, int d, float[] x, int at) {
    double[] logit = new double[len];
    double max = Double.NEGATIVE_INFINITY;
    double scale = 1 / Math.sqrt(d);
    for (int s = 0; s < len; s++) {
      int row = idx[from + s];
      if (row < 0) {
        continue;
      }
      double dot = 0;
      for (int k = 0; k < d; k++) {
        dot += table[row * d + k] * query[k];
      }
      logit[s] = dot * scale;
      max = Math.max(max, logit[s]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return;
    }
    double z = 0;
    for (int s = 0; s < len; s++) {
      if (idx[from + s] >= 0) {
        logit[s] = Math.exp(logit[s] - max);
        z += logit[s];
      }
    }
    for (int s = 0; s < len; s++) {
      int row = idx[from + s];
      if (row >= 0) {
        float a = (float) (logit[s] / z);
        for (int k = 0; k < d; k++) {
          x[at + k] += a * table[row * d + k];
        }
      }
    }
  }

  /** The error function (Abramowitz and Stegun 7.1.26 refined; absolute error below 1.2e-7). */
  static double erf(double x) {
    double t = 1 / (1 + 0.5 * Math.abs(x));
    double y =
        1
            - t
                * Math.exp(
                    -x * x
                        - 1.26551223
                        + t
                            * (1.00002368
                                + t
                                    * (0.37409196
                                        + t
                                            * (0.09678418
                                                + t
                                                    * (-0.18628806
                                                        + t
                                                            * (0.27886807
                                                                + t
                                                                    * (-1.13520398
                                                                        + t
                                                                            * (1.48851587
                                                                                + t
                                                                                    * (-0.82215223
                                                                                        + t
                                                                                            * 0.17087277)))))))));
    return x >= 0 ? y : -y;
  }
}
