package dev.nudge.model.twotower;

import dev.nudge.core.Seeds;
import dev.nudge.model.ModelProvenance;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A trained two-tower model. Everything here is plain Java over float arrays: embeddings of known
 * users and items, scores, and Monte-Carlo dropout samples need no deep-learning engine, so serving
 * and evaluation do not load DJL. Immutable and thread-safe (item embeddings are computed once, on
 * construction).
 */
public final class TwoTowerModel {
  private final TwoTowerConfig config;
  private final List<String> userIds;
  private final List<String> itemIds;
  private final Map<String, Integer> userKeys;
  private final Map<String, Integer> itemKeys;
  private final TowerInputs userInputs;
  private final TowerInputs itemInputs;
  private final List<RawFeatureCodec> userCodecs;
  private final TowerWeights userWeights;
  private final TowerWeights itemWeights;
  private final ModelProvenance provenance;
  private final float[][] itemEmbeddings;

  TwoTowerModel(
      TwoTowerConfig config,
      List<String> userIds,
      List<String> itemIds,
      TowerInputs userInputs,
      TowerInputs itemInputs,
      List<RawFeatureCodec> userCodecs,
      TowerWeights userWeights,
      TowerWeights itemWeights,
      ModelProvenance provenance) {
    this.config = config;
    this.userIds = List.copyOf(userIds);
    this.itemIds = List.copyOf(itemIds);
    if (userInputs.rows() != userIds.size() || itemInputs.rows() != itemIds.size()) {
      throw new IllegalArgumentException(
          "inputs for "
              + userInputs.rows()
              + " users / "
              + itemInputs.rows()
              + " items but "
              + userIds.size()
              + " user ids / "
              + itemIds.size()
              + " item ids");
    }
    userInputs.check(config.user().inputs(), "user");
    itemInputs.check(config.item().inputs(), "item");
    this.userCodecs = List.copyOf(userCodecs);
    checkCodecs(this.userCodecs, config.user().inputs());
    this.userKeys = keys(this.userIds);
    this.itemKeys = keys(this.itemIds);
    this.userInputs = userInputs;
    this.itemInputs = itemInputs;
    this.userWeights = userWeights;
    this.itemWeights = itemWeights;
    this.provenance = provenance;
    this.itemEmbeddings = new float[itemIds.size()][];
    for (int i = 0; i < itemEmbeddings.length; i++) {
      itemEmbeddings[i] = itemWeights.forward(itemInputs, i, null);
    }
  }

  private static Map<String, Integer> keys(List<String> ids) {
    Map<String, Integer> out = new HashMap<>();
    for (int k = 0; k < ids.size(); k++) {
      out.put(ids.get(k), k);
    }
    return out;
  }

  public TwoTowerConfig config() {
    return config;
  }

  public ModelProvenance provenance() {
    return provenance;
  }

  /** The same model with other provenance (test metrics added after training, say). */
  public TwoTowerModel withProvenance(ModelProvenance newProvenance) {
    return new TwoTowerModel(
        config,
        userIds,
        itemIds,
        userInputs,
        itemInputs,
        userCodecs,
        userWeights,
        itemWeights,
        newProvenance);
  }

  public int userCount() {
    return userIds.size();
  }

  public int itemCount() {
    return itemIds.size();
  }

  /** User ids by model key. */
  public List<String> userIds() {
    return userIds;
  }

  /** Item ids by model key. */
  public List<String> itemIds() {
    return itemIds;
  }

  /** The model key of a user id, or -1 when the model has not seen it. */
  public int userKey(String id) {
    return userKeys.getOrDefault(id, -1);
  }

  /** The model key of an item id, or -1 when the model has not seen it. */
  public int itemKey(String id) {
    return itemKeys.getOrDefault(id, -1);
  }

  /** Width of every embedding. */
  public int dimension() {
    return config.outputDim();
  }

  /** The user tower's output for a known user (dropout off). */
  public float[] userEmbedding(int user) {
    checkKey(user, userIds.size(), "user");
    return userWeights.forward(userInputs, user, null);
  }

  /**
   * The user tower's output with {@code history} in place of the history the model was trained with
   * (dropout off): a user whose interactions the model never saw, or whose history has grown since
   * training, is encoded from the items now known. The user's other inputs (id, features) are the
   * model's own; a tower without a history group ignores {@code history}.
   *
   * @param user a known user key, or -1 for a user the model has never seen, allowed when the user
   *     tower reads nothing but the history
   * @param history item keys, oldest first; the tower reads the most recent ones
   */
  public float[] userEmbedding(int user, int[] history) {
    List<InputGroup> groups = config.user().inputs();
    if (user != -1) {
      checkKey(user, userIds.size(), "user");
    } else if (groups.stream().anyMatch(g -> g.kind() != InputGroup.Kind.HISTORY)) {
      throw new IllegalArgumentException(
          "user key -1 needs a user tower that reads only the history; this one reads "
              + groups.stream().map(g -> g.kind().label()).toList());
    }
    for (int item : history) {
      checkKey(item, itemIds.size(), "history item");
    }
    int[][] indices = new int[groups.size()][];
    float[][] numbers = new float[groups.size()][];
    int[] tableRows = new int[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      tableRows[g] = userInputs.tableRows(g);
      switch (group.kind()) {
        case NUMERIC -> numbers[g] = new float[] {userInputs.numbers(g)[user]};
        case HISTORY -> {
          int len = group.slots();
          int from = Math.max(0, history.length - len);
          indices[g] = new int[len];
          Arrays.fill(indices[g], -1);
          System.arraycopy(history, from, indices[g], 0, history.length - from);
        }
        default -> {
          int slots = group.slots();
          indices[g] =
              Arrays.copyOfRange(userInputs.indices(g), user * slots, user * slots + slots);
        }
      }
    }
    return userWeights.forward(new TowerInputs(1, indices, numbers, tableRows), 0, null);
  }

  /** The item tower's output for a known item (a copy). */
  public float[] itemEmbedding(int item) {
    checkKey(item, itemIds.size(), "item");
    return itemEmbeddings[item].clone();
  }

  /** Every item's embedding, by item key (copies; export them to an index or a file). */
  public float[][] itemEmbeddings() {
    float[][] out = new float[itemEmbeddings.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = itemEmbeddings[i].clone();
    }
    return out;
  }

  /**
   * Monte-Carlo dropout: {@code samples} user embeddings, each with a fresh dropout mask on the
   * hidden layers (Gal and Ghahramani, 2016), for uncertainty-aware exploration. The spread is zero
   * when the user tower has no dropout. Deterministic for (user, seed).
   */
  public float[][] userEmbeddingSamples(int user, int samples, long seed) {
    checkKey(user, userIds.size(), "user");
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    double p = config.user().dropout();
    int[] sizes = TowerWeights.layerSizes(config.user(), config.outputDim());
    RandomGenerator rng = Seeds.random(seed, user);
    float[][] out = new float[samples][];
    for (int s = 0; s < samples; s++) {
      float[][] masks = new float[sizes.length - 2][];
      for (int l = 0; l < masks.length; l++) {
        masks[l] = TwoTowerTrainer.dropoutMask(rng, sizes[l + 1], p);
      }
      out[s] = userWeights.forward(userInputs, user, masks);
    }
    return out;
  }

  /**
   * Whether users the model never saw can be encoded from raw values ({@link
   * #userEmbedding(ColdUser)}). False only for model directories written before the raw-feature
   * vocabularies were saved.
   */
  public boolean encodesColdUsers() {
    return !userCodecs.isEmpty();
  }

  /**
   * The user tower's output for a user described by raw feature values and a history of item ids,
   * e.g. one who signed up after training. Their id group reads zeros; features and history are
   * encoded with the vocabularies and standardisation of training, so a known user's own features
   * and history give the same embedding as {@link #userEmbedding(int)} except for the id group.
   *
   * @throws IllegalStateException when the model directory predates saved vocabularies
   * @throws dev.nudge.core.InputException when a numeric feature's value is not a number
   */
  public float[] userEmbedding(ColdUser user) {
    if (!encodesColdUsers()) {
      throw new IllegalStateException(
          "this model was saved without raw-feature vocabularies; retrain it to encode new users");
    }
    TowerInputs in =
        FeatureEncoder.encodeCold(config.user(), userCodecs, userInputs, user, itemKeys);
    return userWeights.forward(in, 0, null);
  }

  /**
   * Writes the score of every item for a user given by raw values (see {@link
   * #userEmbedding(ColdUser)}).
   */
  public void score(ColdUser user, float[] out) {
    score(userEmbedding(user), out);
  }

  /** Writes the score of every item for a user: the dot product over the temperature. */
  public void score(int user, float[] out) {
    score(userEmbedding(user), out);
  }

  private void score(float[] u, float[] out) {
    float inv = (float) (1 / config.temperature());
    for (int i = 0; i < itemEmbeddings.length; i++) {
      float[] v = itemEmbeddings[i];
      float s = 0;
      for (int k = 0; k < u.length; k++) {
        s += u[k] * v[k];
      }
      out[i] = s * inv;
    }
  }

  TowerInputs userInputs() {
    return userInputs;
  }

  TowerInputs itemInputs() {
    return itemInputs;
  }

  List<RawFeatureCodec> userCodecs() {
    return userCodecs;
  }

  TowerWeights userWeights() {
    return userWeights;
  }

  TowerWeights itemWeights() {
    return itemWeights;
  }

  private static void checkCodecs(List<RawFeatureCodec> codecs, List<InputGroup> groups) {
    if (codecs.isEmpty()) {
      return;
    }
    if (codecs.size() != groups.size()) {
      throw new IllegalArgumentException(
          "user tower has " + groups.size() + " input groups but " + codecs.size() + " codecs");
    }
    for (int g = 0; g < groups.size(); g++) {
      if (codecs.get(g).kind() != groups.get(g).kind()) {
        throw new IllegalArgumentException(
            "user input group "
                + g
                + " is "
                + groups.get(g).kind()
                + " but its codec is "
                + codecs.get(g).kind());
      }
    }
  }

  private static void checkKey(int key, int size, String what) {
    if (key < 0 || key >= size) {
      throw new IllegalArgumentException(what + " key must be in [0, " + size + "), got " + key);
    }
  }
}
