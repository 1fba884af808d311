package dev.nudge.ranking;

import dev.nudge.core.InputException;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.IdIndex;
import dev.nudge.model.twotower.ColdUser;
import dev.nudge.model.twotower.InputGroup;
import dev.nudge.model.twotower.TwoTowerModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A trained two-tower model lined up with the data set a funnel is built from: the model's item
 * vectors in the data set's item order (for the ANN source) and a user encoder that maps the data
 * set's user and item keys to the model's.
 *
 * <p>Users are encoded by the best path the model allows: a user the model knows goes through the
 * user tower with their current history; a user of the data set the model never saw is encoded from
 * raw feature values and history ({@link ColdUser}) when the model saved its vocabularies, or from
 * the history alone when the tower reads nothing else; otherwise the encoder returns no embedding,
 * the ANN source stays silent and the other sources (segment popularity, co-occurrence) serve.
 */
public final class TwoTowerEmbeddings {

  /** How a user's embedding was (or would be) obtained. */
  public enum UserPath {
    /** The model knows the user: its user tower with the user's current history. */
    MODEL("model"),
    /** Raw features and history through the saved vocabularies ({@link ColdUser}). */
    COLD("cold"),
    /** History only: the user tower reads nothing but the history. */
    HISTORY("history"),
    /** No embedding: segment popularity and exploration serve the user. */
    NONE("none");

    private final String label;

    UserPath(String label) {
      this.label = label;
    }

    /** The lower-case name shown by the CLI. */
    public String label() {
      return label;
    }
  }

  private final TwoTowerModel model;
  private final Dataset data;
  private final int[] modelItemOf;
  private final int[] modelUserOf;
  private final boolean historyOnly;

  private TwoTowerEmbeddings(TwoTowerModel model, Dataset data, int[] modelItemOf) {
    this.model = model;
    this.data = data;
    this.modelItemOf = modelItemOf;
    IdIndex users = data.users().ids();
    this.modelUserOf = new int[users.size()];
    for (int u = 0; u < modelUserOf.length; u++) {
      modelUserOf[u] = model.userKey(users.id(u));
    }
    this.historyOnly =
        model.config().user().inputs().stream().allMatch(g -> g.kind() == InputGroup.Kind.HISTORY);
  }

  /**
   * Lines {@code model} up with {@code data}.
   *
   * @param modelDir the directory the model was read from, named in errors
   * @throws InputException when the model's items and the data set's differ: the funnel ranks the
   *     data set's catalogue, and an item without a vector (or a vector without an item) would
   *     silently drop out of retrieval
   */
  public static TwoTowerEmbeddings of(TwoTowerModel model, Dataset data, Path modelDir) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(modelDir, "modelDir");
    IdIndex items = data.items().ids();
    int[] modelItemOf = new int[items.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < modelItemOf.length; i++) {
      modelItemOf[i] = model.itemKey(items.id(i));
      if (modelItemOf[i] < 0) {
        missing.add(items.id(i));
      }
    }
    List<String> extra = new ArrayList<>();
    for (String id : model.itemIds()) {
      if (!items.contains(id)) {
        extra.add(id);
      }
    }
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw InputException.inFile(
          modelDir.resolve("items.txt"),
          "the model's "
              + model.itemCount()
              + " items do not match the "
              + items.size()
              + " items of data set '"
              + data.name()
              + "': "
              + missing.size()
              + " data-set items have no vector "
              + sample(missing)
              + ", "
              + extra.size()
              + " model items are not in the data set "
              + sample(extra)
              + "; train the model on this data set (nudge train --data ...)");
    }
    return new TwoTowerEmbeddings(model, data, modelItemOf);
  }

  private static String sample(List<String> ids) {
    StringJoiner j = new StringJoiner(", ", "[", ids.size() > 5 ? ", ...]" : "]");
    ids.stream().limit(5).forEach(j::add);
    return j.toString();
  }

  /** The model. */
  public TwoTowerModel model() {
    return model;
  }

  /** Every data-set item's vector, by data-set item key (copies). */
  public float[][] itemVectors() {
    float[][] out = new float[modelItemOf.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.itemEmbedding(modelItemOf[i]);
    }
    return out;
  }

  /** Which path {@link #encoder()} takes for a data-set user key. */
  public UserPath pathOf(int user) {
    if (user >= 0 && user < modelUserOf.length && modelUserOf[user] >= 0) {
      return UserPath.MODEL;
    }
    if (model.encodesColdUsers()) {
      return UserPath.COLD;
    }
    return historyOnly ? UserPath.HISTORY : UserPath.NONE;
  }

  /** Which path {@link #newUser} takes for someone outside the data set. */
  public UserPath newUserPath(Map<String, String> features) {
    if (model.encodesColdUsers() && !features.isEmpty()) {
      return UserPath.COLD;
    }
    return UserPath.NONE;
  }

  /**
   * The user encoder for the funnel's user directory: data-set user key and history (data-set item
   * keys, oldest first) in, the user tower's output out (empty when {@link #pathOf} is NONE).
   */
  public UserDirectory.UserEncoder encoder() {
    return (user, history) ->
        switch (pathOf(user)) {
          case MODEL -> model.userEmbedding(modelUserOf[user], modelItems(history));
          case COLD -> model.userEmbedding(new ColdUser(rawFeatures(user), itemIds(history)));
          case HISTORY -> model.userEmbedding(-1, modelItems(history));
          case NONE -> new float[0];
        };
  }

  /**
   * The embedding of someone outside the data set described by raw feature values (the model's
   * column names, e.g. {@code age=25}), or an empty array when {@link #newUserPath} is NONE:
   * without features there is nothing the model can tell apart from the average user, and segment
   * popularity does that job without a vector.
   */
  public float[] newUser(Map<String, String> features) {
    if (newUserPath(features) == UserPath.NONE) {
      return new float[0];
    }
    return model.userEmbedding(new ColdUser(features, List.of()));
  }

  private int[] modelItems(int[] history) {
    int[] out = new int[history.length];
    for (int k = 0; k < history.length; k++) {
      out[k] = modelItemOf[history[k]];
    }
    return out;
  }

  private List<String> itemIds(int[] history) {
    List<String> out = new ArrayList<>(history.length);
    for (int item : history) {
      out.add(data.items().ids().id(item));
    }
    return out;
  }

  /** A data-set user's raw feature values as the model's cold path reads them. */
  private Map<String, String> rawFeatures(int user) {
    Map<String, String> raw = new HashMap<>();
    if (user < 0) {
      return raw;
    }
    for (FeatureTable.Column c : data.users().features().columns()) {
      String value =
          switch (c) {
            case FeatureTable.CategoricalColumn k -> k.value(user);
            case FeatureTable.NumericColumn n ->
                Float.isNaN(n.value(user)) ? null : Float.toString(n.value(user));
            case FeatureTable.MultiCategoricalColumn m -> multi(m, user);
            case FeatureTable.TextColumn t -> t.value(user);
          };
      if (value != null) {
        raw.put(c.name(), value);
      }
    }
    return raw;
  }

  private static String multi(FeatureTable.MultiCategoricalColumn m, int row) {
    int[] codes = m.codes(row);
    if (codes.length == 0) {
      return null;
    }
    StringJoiner j = new StringJoiner("|");
    for (int code : codes) {
      j.add(m.vocabulary().id(code));
    }
    return j.toString();
  }
}
