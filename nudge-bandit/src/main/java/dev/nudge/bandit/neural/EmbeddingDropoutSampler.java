package dev.nudge.bandit.neural;

import dev.nudge.bandit.DecisionContext;
import java.util.random.RandomGenerator;

/**
 * A model-free {@link DropoutSampler}: each pass applies inverted dropout (keep with probability 1
 * − p, scale kept units by 1/(1 − p)) to the user embedding once and to each candidate's embedding,
 * then scores ⟨x̃, z̃⟩. The spread it produces reflects how much the score depends on few
 * coordinates, not the towers' parameter uncertainty; use the model module's sampler when it is
 * available.
 */
public final class EmbeddingDropoutSampler implements DropoutSampler {

  @Override
  public void sample(
      DecisionContext context,
      int[] candidates,
      double dropoutRate,
      RandomGenerator random,
      double[][] scores) {
    float[] z = context.userEmbedding();
    int d = z.length;
    double keep = 1 - dropoutRate;
    double[] zt = new double[d];
    for (double[] pass : scores) {
      for (int b = 0; b < d; b++) {
        zt[b] = random.nextDouble() < keep ? z[b] / keep : 0;
      }
      for (int k = 0; k < candidates.length; k++) {
        float[] x =
            NeuralSlates.itemEmbedding(
                context.candidates().get(candidates[k]), d, "embedding-dropout");
        double s = 0;
        for (int a = 0; a < d; a++) {
          if (random.nextDouble() < keep) {
            s += x[a] / keep * zt[a];
          }
        }
        pass[k] = s;
      }
    }
  }
}
