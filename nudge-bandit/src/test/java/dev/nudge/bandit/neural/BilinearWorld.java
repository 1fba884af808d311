package dev.nudge.bandit.neural;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A synthetic bilinear bandit: items x and users z are unit vectors, a click on item x by user z is
 * Bernoulli(σ(xᵀΘz)) for a hidden random Θ. Users share a common direction μ (z = normalise(μ +
 * noise)), so items also have a main effect xᵀΘμ that an additive model can learn; only a bilinear
 * model can learn the per-user part. N-Greedy's score xᵀz uses embeddings that were never trained
 * against Θ, which is N-Greedy with a randomly initialised model.
 */
final class BilinearWorld {
  final int d;
  private final float[][] items;
  private final float[][] users;
  private final double[][] theta;
  private final long seed;

  BilinearWorld(int d, int itemCount, int userCount, double thetaScale, long seed) {
    this.d = d;
    this.seed = seed;
    RandomGenerator random = Seeds.random(seed, "world");
    items = new float[itemCount][];
    for (int i = 0; i < itemCount; i++) {
      items[i] = Fixtures.unit(random, d);
    }
    float[] mu = Fixtures.unit(random, d);
    users = new float[userCount][];
    for (int u = 0; u < userCount; u++) {
      float[] noise = Fixtures.unit(random, d);
      float[] z = new float[d];
      double norm = 0;
      for (int b = 0; b < d; b++) {
        z[b] = mu[b] + 0.8f * noise[b];
        norm += z[b] * z[b];
      }
      for (int b = 0; b < d; b++) {
        z[b] /= (float) Math.sqrt(norm);
      }
      users[u] = z;
    }
    theta = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        theta[a][b] = thetaScale * random.nextGaussian();
      }
    }
  }

  double clickProbability(float[] x, float[] z) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        s += x[a] * theta[a][b] * z[b];
      }
    }
    return 1 / (1 + Math.exp(-s));
  }

  /**
   * Plays {@code rounds} rounds of one slot among {@code candidates} random items and returns the
   * mean click probability of the items chosen (the expected reward, less noisy than clicks).
   */
  double play(Policy policy, int rounds, int candidates) {
    double total = 0;
    for (int t = 0; t < rounds; t++) {
      RandomGenerator random = Seeds.random(seed, t);
      float[] z = users[random.nextInt(users.length)];
      List<Arm> arms = new ArrayList<>(candidates);
      int start = random.nextInt(items.length);
      for (int k = 0; k < candidates; k++) {
        int i = (start + k * 7) % items.length;
        arms.add(new Arm("item-" + i, i, items[i], null, i % 10));
      }
      DecisionContext context =
          new DecisionContext(
              "round-" + t, 0, z, null, arms, 1, DecisionContext.UNLIMITED, Seeds.random(seed ^ t));
      Slate slate = policy.decide(context);
      Arm arm = slate.get(0).arm();
      double p = clickProbability(arm.embedding(), z);
      total += p;
      policy.learn(new Feedback(context, arm, 0, random.nextDouble() < p ? 1 : 0));
    }
    return total / rounds;
  }
}
