package dev.nudge.ranking;

import dev.nudge.model.mmoe.MmoeModel;
import java.util.List;
import java.util.Objects;

/** The multi-task ranker: one MMoE forward pass scores all candidates for all tasks at once. */
public final class MmoeRanker implements Ranker {
  private final UserItemFeatures features;
  private final MmoeModel model;

  public MmoeRanker(UserItemFeatures features, MmoeModel model) {
    this.features = Objects.requireNonNull(features, "features");
    this.model = Objects.requireNonNull(model, "model");
    if (model.inputDimension() != features.dimension()) {
      throw new IllegalArgumentException(
          "model expects "
              + model.inputDimension()
              + " features, the feature set has "
              + features.dimension());
    }
  }

  @Override
  public String name() {
    return "mmoe";
  }

  @Override
  public List<String> tasks() {
    return model.tasks();
  }

  @Override
  public double[][] score(int user, int[] items) {
    float[][] p = model.predict(features.rows(user, items));
    double[][] out = new double[p.length][];
    for (int k = 0; k < p.length; k++) {
      out[k] = new double[p[k].length];
      for (int t = 0; t < p[k].length; t++) {
        out[k][t] = p[k][t];
      }
    }
    return out;
  }
}
