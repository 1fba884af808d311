package dev.nudge.ranking;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.neural.DropoutSampler;
import dev.nudge.model.twotower.TwoTowerModel;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * N-Dropout-UCB's Monte-Carlo dropout through a trained two-tower model: each pass draws a fresh
 * dropout mask on the user tower's hidden layers ({@link TwoTowerModel#userEmbeddingSamples}) and
 * scores every candidate's item embedding against that user embedding. The towers' own dropout
 * layers set the rate, so the rate a policy asks for is not used: train the model with the rate you
 * want to explore with. Users and items are looked up by the context's user key and the arms' ids,
 * which must be the model's. Immutable and thread-safe.
 */
public final class TwoTowerDropoutSampler implements DropoutSampler {
  private final TwoTowerModel model;

  public TwoTowerDropoutSampler(TwoTowerModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  @Override
  public void sample(
      DecisionContext context,
      int[] candidates,
      double dropoutRate,
      RandomGenerator random,
      double[][] scores) {
    int user = context.userKey();
    if (user < 0 || user >= model.userCount()) {
      throw new IllegalArgumentException(
          "user key " + user + " is not one of the model's " + model.userCount() + " users");
    }
    float[][] items = new float[candidates.length][];
    for (int k = 0; k < candidates.length; k++) {
      String id = context.candidates().get(candidates[k]).id();
      int key = model.itemKey(id);
      if (key < 0) {
        throw new IllegalArgumentException("item '" + id + "' is not in the two-tower model");
      }
      items[k] = model.itemEmbedding(key);
    }
    float[][] users = model.userEmbeddingSamples(user, scores.length, random.nextLong());
    for (int s = 0; s < scores.length; s++) {
      for (int k = 0; k < candidates.length; k++) {
        double dot = 0;
        for (int f = 0; f < users[s].length; f++) {
          dot += users[s][f] * items[k][f];
        }
        scores[s][k] = dot;
      }
    }
  }
}
