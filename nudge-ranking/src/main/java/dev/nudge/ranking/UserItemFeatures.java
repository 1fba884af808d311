package dev.nudge.ranking;

import dev.nudge.candidates.InteractionGraph;
import dev.nudge.data.Catalogue;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.UserTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dense feature row of a (user, item) pair that the rankers read, in three blocks:
 *
 * <ol>
 *   <li>user: one-hot codes of the user table's categorical columns (those with at most {@link
 *       #MAX_ONE_HOT} values; zip codes are skipped) and standardised numeric columns;
 *   <li>item: the item's topics, multi-hot;
 *   <li>pair: log item popularity, log user activity, and the cosine between the user's topic
 *       profile (from their training history) and the item's topics.
 * </ol>
 *
 * The logistic baseline crosses the user block with the item block (occupation × genre); MMoE
 * learns such interactions itself. Unknown users (key -1) get a zero user block and no profile.
 * Immutable.
 */
public final class UserItemFeatures {
  /** Categorical columns with more values than this are left out of the user block. */
  public static final int MAX_ONE_HOT = 64;

  private final float[][] userBlock;
  private final float[][] profiles;
  private final float[] userActivity;
  private final int[][] itemTopics;
  private final float[] itemPopularity;
  private final int userDim;
  private final int itemDim;

  private UserItemFeatures(
      float[][] userBlock,
      float[][] profiles,
      float[] userActivity,
      int[][] itemTopics,
      float[] itemPopularity,
      int userDim,
      int itemDim) {
    this.userBlock = userBlock;
    this.profiles = profiles;
    this.userActivity = userActivity;
    this.itemTopics = itemTopics;
    this.itemPopularity = itemPopularity;
    this.userDim = userDim;
    this.itemDim = itemDim;
  }

  /** Features over the given users, items and training interactions. */
  public static UserItemFeatures build(UserTable users, Catalogue items, InteractionGraph graph) {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(items, "items");
    if (graph.users() != users.size() || graph.items() != items.size()) {
      throw new IllegalArgumentException(
          "graph is "
              + graph.users()
              + " users x "
              + graph.items()
              + " items, tables are "
              + users.size()
              + " x "
              + items.size());
    }
    int nu = users.size();
    List<FeatureTable.Column> cols = new ArrayList<>();
    int userDim = 0;
    for (FeatureTable.Column c : users.features().columns()) {
      if (c instanceof FeatureTable.CategoricalColumn cat) {
        if (cat.vocabulary().size() <= MAX_ONE_HOT) {
          cols.add(c);
          userDim += cat.vocabulary().size();
        }
      } else if (c instanceof FeatureTable.NumericColumn) {
        cols.add(c);
        userDim++;
      }
    }
    float[][] userBlock = new float[nu][userDim];
    int at = 0;
    for (FeatureTable.Column c : cols) {
      if (c instanceof FeatureTable.CategoricalColumn cat) {
        for (int u = 0; u < nu; u++) {
          if (cat.code(u) >= 0) {
            userBlock[u][at + cat.code(u)] = 1;
          }
        }
        at += cat.vocabulary().size();
      } else if (c instanceof FeatureTable.NumericColumn num) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int u = 0; u < nu; u++) {
          float v = num.value(u);
          if (!Float.isNaN(v)) {
            sum += v;
            sq += (double) v * v;
            n++;
          }
        }
        double mean = n == 0 ? 0 : sum / n;
        double sd = n == 0 ? 1 : Math.sqrt(Math.max(1e-12, sq / n - mean * mean));
        for (int u = 0; u < nu; u++) {
          float v = num.value(u);
          userBlock[u][at] = Float.isNaN(v) ? 0 : (float) ((v - mean) / sd);
        }
        at++;
      }
    }
    int topics = items.topicCount();
    int[][] itemTopics = new int[items.size()][];
    float[] popularity = new float[items.size()];
    int maxDegree = 1;
    for (int i = 0; i < items.size(); i++) {
      itemTopics[i] = items.topics().codes(i);
      maxDegree = Math.max(maxDegree, graph.itemDegree(i));
    }
    for (int i = 0; i < items.size(); i++) {
      popularity[i] = (float) (Math.log1p(graph.itemDegree(i)) / Math.log1p(maxDegree));
    }
    float[][] profiles = new float[nu][topics];
    float[] activity = new float[nu];
    int maxActivity = 1;
    for (int u = 0; u < nu; u++) {
      maxActivity = Math.max(maxActivity, graph.userDegree(u));
    }
    for (int u = 0; u < nu; u++) {
      for (int item : graph.history(u)) {
        for (int t : itemTopics[item]) {
          profiles[u][t]++;
        }
      }
      double norm = 0;
      for (float p : profiles[u]) {
        norm += p * p;
      }
      if (norm > 0) {
        for (int t = 0; t < topics; t++) {
          profiles[u][t] /= (float) Math.sqrt(norm);
        }
      }
      activity[u] = (float) (Math.log1p(graph.userDegree(u)) / Math.log1p(maxActivity));
    }
    return new UserItemFeatures(
        userBlock, profiles, activity, itemTopics, popularity, userDim, topics);
  }

  /** Width of the user block (the first {@code userDimension()} entries of a row). */
  public int userDimension() {
    return userDim;
  }

  /** Width of the item block, which follows the user block. */
  public int itemDimension() {
    return itemDim;
  }

  public int dimension() {
    return userDim + itemDim + 3;
  }

  public int items() {
    return itemTopics.length;
  }

  /** The feature row of one pair; {@code user} may be -1 (unknown). */
  public float[] row(int user, int item) {
    if (item < 0 || item >= itemTopics.length) {
      throw new IllegalArgumentException(
          "item key " + item + " is outside 0.." + (itemTopics.length - 1));
    }
    if (user < -1 || user >= userBlock.length) {
      throw new IllegalArgumentException(
          "user key " + user + " is outside -1.." + (userBlock.length - 1));
    }
    float[] row = new float[dimension()];
    if (user >= 0) {
      System.arraycopy(userBlock[user], 0, row, 0, userDim);
    }
    double norm = Math.sqrt(itemTopics[item].length);
    double affinity = 0;
    for (int t : itemTopics[item]) {
      row[userDim + t] = 1;
      if (user >= 0) {
        affinity += profiles[user][t];
      }
    }
    int base = userDim + itemDim;
    row[base] = itemPopularity[item];
    row[base + 1] = user >= 0 ? userActivity[user] : 0;
    row[base + 2] = norm == 0 ? 0 : (float) (affinity / norm);
    return row;
  }

  public float[][] rows(int user, int[] items) {
    float[][] out = new float[items.length][];
    for (int k = 0; k < items.length; k++) {
      out[k] = row(user, items[k]);
    }
    return out;
  }
}
