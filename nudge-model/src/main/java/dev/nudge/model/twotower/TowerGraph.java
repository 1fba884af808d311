package dev.nudge.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * A tower's forward pass over a mini-batch as a DJL graph, for training. Embedding rows are
 * gathered in Java into one leaf per input group, so PyTorch computes gradients only for the rows
 * the batch touched (row-sparse) rather than for whole tables; dense parameters are leaves copied
 * from {@link TowerWeights}. The graph mirrors {@link TowerWeights#forward} exactly.
 */
final class TowerGraph {

  /** The output of a tower for a batch and the leaves whose gradients the trainer reads. */
  record Pass(
      NDArray output, NDArray[] gathered, NDArray query, NDArray[] weights, NDArray[] biases) {}

  private TowerGraph() {}

  /**
   * Builds the forward pass.
   *
   * @param m the manager owning every array of this step
   * @param w the tower's weights
   * @param in the tower's encoded inputs
   * @param rows the batch's entities
   * @param dropout per hidden layer a {@code rows.length * width} mask scaled by 1/(1-p), or null
   */
  static Pass forward(NDManager m, TowerWeights w, TowerInputs in, int[] rows, float[][] dropout) {
    int b = rows.length;
    List<InputGroup> groups = w.config.inputs();
    NDArray[] gathered = new NDArray[groups.size()];
    NDList parts = new NDList();
    NDArray query = null;
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      int d = group.dim();
      if (group.kind() == InputGroup.Kind.NUMERIC) {
        float[] v = new float[b];
        for (int r = 0; r < b; r++) {
          v[r] = in.numbers(g)[rows[r]];
        }
        parts.add(m.create(v, new Shape(b, 1)));
        continue;
      }
      int len = group.slots();
      float[] buf = new float[b * len * d];
      float[] mask = new float[b * len];
      float[] inverseCount = new float[b];
      int[] idx = in.indices(g);
      float[] table = w.tables[g];
      for (int r = 0; r < b; r++) {
        int n = 0;
        for (int s = 0; s < len; s++) {
          int row = idx[rows[r] * len + s];
          if (row >= 0) {
            System.arraycopy(table, row * d, buf, (r * len + s) * d, d);
            mask[r * len + s] = 1f;
            n++;
          }
        }
        inverseCount[r] = n == 0 ? 0f : 1f / n;
      }
      NDArray x = m.create(buf, new Shape(b, len, d));
      x.setRequiresGradient(true);
      gathered[g] = x;
      switch (group.kind()) {
        case ID, CATEGORICAL -> parts.add(x.reshape(b, d));
        case TEXT -> parts.add(x.sum(new int[] {1}).mul(m.create(inverseCount, new Shape(b, 1))));
        case HISTORY -> {
          query = m.create(w.query, new Shape(d, 1));
          query.setRequiresGradient(true);
          float[] bias = new float[b * len];
          for (int k = 0; k < bias.length; k++) {
            bias[k] = mask[k] > 0 ? 0f : -1e9f;
          }
          NDArray logits =
              x.matMul(query)
                  .reshape(b, len)
                  .mul(constant(m, (float) (1 / Math.sqrt(d))))
                  .add(m.create(bias, new Shape(b, len)));
          NDArray attention = logits.softmax(1).reshape(b, len, 1);
          parts.add(x.mul(attention).sum(new int[] {1}));
        }
        case NUMERIC -> throw new IllegalStateException("numeric handled above");
      }
    }
    NDArray h = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    int layers = w.weights.length;
    NDArray[] weights = new NDArray[layers];
    NDArray[] biases = new NDArray[layers];
    int[] sizes = TowerWeights.layerSizes(w.config, w.outputDim);
    for (int l = 0; l < layers; l++) {
      weights[l] = m.create(w.weights[l], new Shape(sizes[l], sizes[l + 1]));
      biases[l] = m.create(w.biases[l], new Shape(sizes[l + 1]));
      weights[l].setRequiresGradient(true);
      biases[l].setRequiresGradient(true);
      h = h.matMul(weights[l]).add(biases[l]);
      if (l < layers - 1) {
        h =
            w.config.activation() == TowerConfig.Activation.GELU
                ? Activation.gelu(h)
                : Activation.relu(h);
        if (dropout != null) {
          h = h.mul(m.create(dropout[l], new Shape(b, sizes[l + 1])));
        }
      }
    }
    if (w.cosine) {
      h = h.div(h.square().sum(new int[] {1}, true).add(constant(m, 1e-12f)).sqrt());
    }
    return new Pass(h, gathered, query, weights, biases);
  }

  /**
   * A scalar owned by the step's manager, for arithmetic on arrays that need gradients. DJL's
   * {@code NDArray.mul(Number)} and its kin wrap the number in a temporary array over a direct
   * buffer and close it as soon as the operation returns; PyTorch's autograd has by then saved that
   * array for the backward pass, so a garbage collection in between frees memory the backward pass
   * still reads (same-seed trainings then differ, or turn NaN). A scalar held by the manager lives
   * until the step is over.
   */
  static NDArray constant(NDManager m, float value) {
    return m.create(value);
  }
}
