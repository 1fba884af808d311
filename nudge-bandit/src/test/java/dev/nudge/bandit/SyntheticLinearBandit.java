package dev.nudge.bandit;

import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A linear bandit with a known optimum, for learning tests. A pool of K arms has features x_k =
 * (g_1, …, g_{d−1}, 1) with Gaussian g; the click probability is p_k = x_kᵀθ*, built so that p
 * spans [0.1, 0.9] across the pool and is exactly linear in x (the last feature is the bias). Each
 * round offers n arms drawn from the pool to user t mod U; the reward is Bernoulli(p). Regret is
 * the pseudo-regret max_{offered} p − p_{chosen}, free of reward noise. Embeddings equal the
 * features, so the embedding policies see the same world. Everything derives from one seed.
 */
public final class SyntheticLinearBandit {
  private final long seed;
  private final int dimension;
  private final int offered;
  private final int users;
  private final List<Arm> pool = new ArrayList<>();
  private final double[] means;

  public SyntheticLinearBandit(long seed, int poolSize, int dimension, int offered) {
    this(seed, poolSize, dimension, offered, 1);
  }

  /** A world whose rounds cycle through {@code users} user keys (rewards do not depend on them). */
  public SyntheticLinearBandit(long seed, int poolSize, int dimension, int offered, int users) {
    this.users = users;
    this.seed = seed;
    this.dimension = dimension;
    this.offered = offered;
    RandomGenerator random = Seeds.random(seed, "world");
    double[] direction = new double[dimension];
    for (int j = 0; j < dimension - 1; j++) {
      direction[j] = random.nextGaussian();
    }
    double[][] xs = new double[poolSize][dimension];
    double[] raw = new double[poolSize];
    double span = 0;
    for (int k = 0; k < poolSize; k++) {
      for (int j = 0; j < dimension - 1; j++) {
        xs[k][j] = random.nextGaussian();
        raw[k] += xs[k][j] * direction[j];
      }
      xs[k][dimension - 1] = 1;
      span = Math.max(span, Math.abs(raw[k]));
    }
    // p = 0.5 + 0.4·raw/span = xᵀθ* with θ* = (0.4/span)·direction + 0.5·e_bias.
    means = new double[poolSize];
    for (int k = 0; k < poolSize; k++) {
      means[k] = 0.5 + 0.4 * raw[k] / span;
      float[] embedding = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        embedding[j] = (float) xs[k][j];
      }
      pool.add(new Arm("item-" + k, k, embedding, xs[k], -1));
    }
  }

  public int dimension() {
    return dimension;
  }

  public List<Arm> pool() {
    return pool;
  }

  /** The click probability of a pool arm. */
  public double mean(Arm arm) {
    return means[arm.key()];
  }

  /** The context of round t: n pool arms, slate of one, decision random from the seed. */
  public DecisionContext context(long t) {
    return context(t, 1, DecisionContext.UNLIMITED);
  }

  public DecisionContext context(long t, int slateSize, int budget) {
    RandomGenerator offerRandom = Seeds.random(seed ^ 0x0FFE4L, t);
    int[] order = new int[pool.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<Arm> candidates = new ArrayList<>(offered);
    for (int i = 0; i < offered; i++) {
      int j = i + offerRandom.nextInt(order.length - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
      candidates.add(pool.get(order[i]));
    }
    return new DecisionContext(
        "event-" + t,
        (int) (t % users),
        null,
        null,
        candidates,
        slateSize,
        budget,
        Seeds.random(seed ^ 0xDEC1DEL, t));
  }

  /** The Bernoulli reward of showing an arm in round t. */
  public double reward(long t, Arm arm) {
    return Seeds.random(seed ^ 0x4E3A4DL, t).nextDouble() < mean(arm) ? 1 : 0;
  }

  /** The pseudo-regret of a slate's first arm. */
  public double regret(DecisionContext context, Arm chosen) {
    double best = 0;
    for (Arm arm : context.candidates()) {
      best = Math.max(best, mean(arm));
    }
    return best - mean(chosen);
  }

  /**
   * Runs a policy for rounds [0, T) and returns cumulative pseudo-regret after each round in {@code
   * checkpoints} (ascending).
   */
  public double[] run(Policy policy, long... checkpoints) {
    double[] out = new double[checkpoints.length];
    double total = 0;
    int next = 0;
    for (long t = 0; next < checkpoints.length; t++) {
      DecisionContext context = context(t);
      Slate slate = policy.decide(context);
      Arm arm = slate.get(0).arm();
      total += regret(context, arm);
      policy.learn(new Feedback(context, arm, 0, reward(t, arm)));
      if (t + 1 == checkpoints[next]) {
        out[next++] = total;
      }
    }
    return out;
  }
}
