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
 * UserChoiceSimulator}.
 *
 * <p>With {@code historyFromClicks}, the items a user clicks during the run are appended to the
 * history z_u is computed from (the paper's user representation is built from clicked items), and
 * z_u is recomputed through the encoder's user tower at the user's next decision. That state is per
 * policy run: {@link #forRun()} hands each run a copy starting from the real histories, used by one
 * thread. Without it the environment is immutable and shared.
 *
 * <p>With an {@link EncoderRefresh}, each run's copy also records the clicks it hands out, and
 * {@link #refreshEncoder(int)} re-fits the encoder on the pre-training data plus those clicks, then
 * swaps the item embeddings of the arms and every trial user's z_u (through the new user tower,
 * from the same history as before). Refreshes touch only the run's copy.
 */
public final class PaperEnvironment implements BanditEnvironment {
  private final UserChoiceSimulator simulator;
  private final int[] users;
  private final Catalogue catalogue;
  private final float[][] userEmbeddings;
  private final boolean historyFromClicks;

  /** The embeddings the policies see now; a refresh replaces both (in a run's copy only). */
  private List<Arm> arms;

  private Encoding encoding;

  /** How to re-fit the encoder, or null when this environment's encoder is fixed. */
  private final EncoderRefresh refresh;

  /** A run copy's clicks so far, (user key, item key) in order, for the encoder's re-fits. */
  private int[] clickUsers = new int[0];

  private int[] clickItems = new int[0];
  private int clicks;

  /** Per trial user: the history z_u is computed from, grown by clicks; null when not growing. */
  private final List<java.util.LinkedHashSet<Integer>> histories;

  /** Per trial user: z_u must be recomputed (a click was added since). */
  private final boolean[] stale;

  /**
   * @param simulator the reward model
   * @param catalogue items, for ids and topics
   * @param users the trial's user keys
   * @param encoding the embeddings the policies see
   */
  public PaperEnvironment(
      UserChoiceSimulator simulator, Catalogue catalogue, int[] users, Encoding encoding) {
    this(simulator, catalogue, users, encoding, false);
  }

  /**
   * @param simulator the reward model
   * @param catalogue items, for ids and topics
   * @param users the trial's user keys
   * @param encoding the embeddings the policies see
   * @param historyFromClicks grow each user's history with their clicks in the run
   */
  public PaperEnvironment(
      UserChoiceSimulator simulator,
      Catalogue catalogue,
      int[] users,
      Encoding encoding,
      boolean historyFromClicks) {
    this(simulator, catalogue, users, encoding, historyFromClicks, null);
  }

  /**
   * @param simulator the reward model
   * @param catalogue items, for ids and topics
   * @param users the trial's user keys
   * @param encoding the embeddings the policies see
   * @param historyFromClicks grow each user's history with their clicks in the run
   * @param refresh how {@link #refreshEncoder(int)} re-fits the encoder; null when it cannot
   */
  public PaperEnvironment(
      UserChoiceSimulator simulator,
      Catalogue catalogue,
      int[] users,
      Encoding encoding,
      boolean historyFromClicks,
      EncoderRefresh refresh) {
    if (users.length == 0) {
      throw new IllegalArgumentException("a trial needs at least one user");
    }
    this.simulator = simulator;
    this.users = users.clone();
    this.catalogue = catalogue;
    this.arms = arms(catalogue, encoding);
    this.encoding = encoding;
    this.historyFromClicks = historyFromClicks;
    this.refresh = refresh;
    this.userEmbeddings = new float[users.length][];
    for (int k = 0; k < users.length; k++) {
      userEmbeddings[k] = encoding.user().apply(simulator.history(users[k]));
    }
    this.histories = historyFromClicks ? new ArrayList<>(users.length) : null;
    this.stale = new boolean[users.length];
    if (historyFromClicks) {
      for (int u : users) {
        java.util.LinkedHashSet<Integer> h = new java.util.LinkedHashSet<>();
        for (int item : simulator.history(u)) {
          h.add(item);
        }
        histories.add(h);
      }
    }
  }

  /** The arms of the catalogue with the encoding's item embeddings. */
  private static List<Arm> arms(Catalogue catalogue, Encoding encoding) {
    if (encoding.items().length != catalogue.size()) {
      throw new IllegalArgumentException(
          "encoding has "
              + encoding.items().length
              + " item embeddings for a catalogue of "
              + catalogue.size());
    }
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
    return List.copyOf(list);
  }

  /**
   * A fresh run's copy: the real histories and no clicks; the arms and the embeddings shared until
   * a refresh replaces them.
   */
  private PaperEnvironment(PaperEnvironment base) {
    this.simulator = base.simulator;
    this.users = base.users;
    this.catalogue = base.catalogue;
    this.arms = base.arms;
    this.encoding = base.encoding;
    this.historyFromClicks = base.historyFromClicks;
    this.refresh = base.refresh;
    this.userEmbeddings = new float[users.length][];
    this.histories = new ArrayList<>(users.length);
    this.stale = new boolean[users.length];
    for (int k = 0; k < users.length; k++) {
      java.util.LinkedHashSet<Integer> h = new java.util.LinkedHashSet<>();
      for (int item : simulator.history(users[k])) {
        h.add(item);
      }
      histories.add(h);
      userEmbeddings[k] = base.initialEmbedding(k);
    }
  }

  private float[] initialEmbedding(int k) {
    return encoding.user().apply(simulator.history(users[k]));
  }

  @Override
  public BanditEnvironment forRun() {
    return historyFromClicks || refresh != null ? new PaperEnvironment(this) : this;
  }

  @Override
  public boolean refreshesEncoder() {
    return refresh != null;
  }

  @Override
  public void refreshEncoder(int k) {
    if (refresh == null) {
      throw new UnsupportedOperationException(
          "this environment was built without an encoder" + " refresh");
    }
    Encoding next = refresh.fit(k, clickUsers, clickItems, clicks, encoding);
    this.arms = arms(catalogue, next);
    this.encoding = next;
    for (int u = 0; u < users.length; u++) {
      userEmbeddings[u] = next.user().apply(history(u));
      stale[u] = false;
    }
  }

  /** The embeddings the policies see now (the pre-trained ones until a refresh). */
  public Encoding encoding() {
    return encoding;
  }

  /**
   * How many clicks this environment has handed out since it was made (recorded with a refresh).
   */
  public int clicks() {
    return clicks;
  }

  /** The history trial user {@code k}'s embedding is computed from now, oldest first. */
  public int[] history(int k) {
    return historyFromClicks
        ? histories.get(k).stream().mapToInt(Integer::intValue).toArray()
        : simulator.history(users[k]);
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
    if (stale[user]) {
      userEmbeddings[user] = encoding.user().apply(history(user));
      stale[user] = false;
    }
    return new DecisionContext(
        eventId, users[user], userEmbeddings[user], null, arms, slateSize, budget, random);
  }

  @Override
  public double reward(int user, Arm arm, RandomGenerator random) {
    double r = simulator.reward(users[user], arm.key(), random);
    // A click joins the history once; an item clicked again adds nothing new.
    if (historyFromClicks && r > 0 && histories.get(user).add(arm.key())) {
      stale[user] = true;
    }
    if (refresh != null && r > 0) {
      if (clicks == clickUsers.length) {
        clickUsers = java.util.Arrays.copyOf(clickUsers, Math.max(64, 2 * clicks));
        clickItems = java.util.Arrays.copyOf(clickItems, clickUsers.length);
      }
      clickUsers[clicks] = users[user];
      clickItems[clicks] = arm.key();
      clicks++;
    }
    return r;
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
