package dev.nudge.simulation.paper;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.data.Catalogue;
import dev.nudge.simulation.experiment.BanditEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * One trial of the paper's protocol on a real data set: the trial's users, every catalogue item as
 * a candidate (with its embedding x_i, its multi-hot genres as raw features, and its topic, the
 * primary genre), the user's embedding z_u from their real history, and rewards from the {@link
 * UserChoiceSimulator}. Immutable.
 */
public final class PaperEnvironment implements BanditEnvironment {
  private final UserChoiceSimulator simulator;
  private final int[] users;
  private final List<Arm> arms;
  private final float[][] userEmbeddings;

  /**
   * @param simulator the reward model
   * @param catalogue items, for ids and topics
   * @param users the trial's user keys
   * @param encoding the embeddings the policies see
   */
  public PaperEnvironment(
      UserChoiceSimulator simulator, Catalogue catalogue, int[] users, Encoding encoding) {
    if (users.length == 0) {
      throw new IllegalArgumentException("a trial needs at least one user");
    }
    if (encoding.items().length != catalogue.size()) {
      throw new IllegalArgumentException(
          "encoding has "
              + encoding.items().length
              + " item embeddings for a catalogue of "
              + catalogue.size());
    }
    this.simulator = simulator;
    this.users = users.clone();
    List<Arm> list = new ArrayList<>(catalogue.size());
    int genres = Math.max(1, catalogue.topicCount());
    for (int i = 0; i < catalogue.size(); i++) {
      // Raw features for the non-neural GLM baseline: the item's multi-hot genres.
      double[] raw = new double[genres];
      for (int g : catalogue.topics().codes(i)) {
        raw[g] = 1;
      }
      list.add(
          new Arm(catalogue.ids().id(i), i, encoding.items()[i], raw, catalogue.primaryTopic(i)));
    }
    this.arms = List.copyOf(list);
    this.userEmbeddings = new float[users.length][];
    for (int k = 0; k < users.length; k++) {
      userEmbeddings[k] = encoding.user().apply(simulator.history(users[k]));
    }
  }

  @Override
  public int users() {
    return users.length;
  }

  /** The data set's user key of trial user {@code k}. */
  public int userKey(int k) {
    return users[k];
  }

  @Override
  public DecisionContext context(
      int user, String eventId, int slateSize, int budget, RandomGenerator random) {
    return new DecisionContext(
        eventId, users[user], userEmbeddings[user], null, arms, slateSize, budget, random);
  }

  @Override
  public double reward(int user, Arm arm, RandomGenerator random) {
    return simulator.reward(users[user], arm.key(), random);
  }

  /** 1 − flip: the simulator's best expected reward per slot, as in the paper. */
  @Override
  public double optimalSlotReward(int user) {
    return 1 - simulator.report().flipProbability();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%d users, %d items; %s", users.length, arms.size(), simulator.report());
  }
}
