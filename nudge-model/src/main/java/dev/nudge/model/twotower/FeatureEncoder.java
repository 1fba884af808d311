package dev.nudge.model.twotower;

import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.InteractionLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a data set's features and a training log into {@link TowerInputs}: table-row indices for
 * id, categorical, text and history groups, standardised numbers for numeric groups. Stateless.
 */
final class FeatureEncoder {

  private FeatureEncoder() {}

  /** The encoded inputs of both towers. */
  record Encoded(TowerInputs users, TowerInputs items) {}

  /**
   * Encodes every user and item of {@code data}; histories come from the positives of {@code
   * train}, most recent last.
   */
  static Encoded encode(Dataset data, InteractionLog train, TwoTowerConfig config) {
    int[][] histories =
        histories(train, data.users().size(), config.training().positiveThreshold());
    TowerInputs users =
        encodeTower(
            "user",
            config.user(),
            data.users().size(),
            data.users().features(),
            histories,
            data.items().size());
    TowerInputs items =
        encodeTower("item", config.item(), data.items().size(), data.items().features(), null, 0);
    return new Encoded(users, items);
  }

  private static TowerInputs encodeTower(
      String tower,
      TowerConfig config,
      int rows,
      FeatureTable features,
      int[][] histories,
      int itemCount) {
    List<InputGroup> groups = config.inputs();
    int[][] indices = new int[groups.size()][];
    float[][] numbers = new float[groups.size()][];
    int[] tableRows = new int[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      String where = tower + ".inputs[" + g + "]";
      switch (group.kind()) {
        case ID -> {
          indices[g] = new int[rows];
          for (int r = 0; r < rows; r++) {
            indices[g][r] = r;
          }
          tableRows[g] = rows;
        }
        case CATEGORICAL -> {
          FeatureTable.CategoricalColumn c =
              column(features, group.feature(), FeatureTable.CategoricalColumn.class, where);
          int missing = c.vocabulary().size();
          indices[g] = new int[rows];
          for (int r = 0; r < rows; r++) {
            indices[g][r] = c.code(r) < 0 ? missing : c.code(r);
          }
          tableRows[g] = missing + 1;
        }
        case NUMERIC -> {
          FeatureTable.NumericColumn c =
              column(features, group.feature(), FeatureTable.NumericColumn.class, where);
          numbers[g] = standardise(c, rows);
        }
        case TEXT -> {
          indices[g] = tokens(features, group, rows, where);
          tableRows[g] = group.buckets();
        }
        case HISTORY -> {
          if (histories == null) {
            throw InputException.forField(where, "a history group belongs in the user tower");
          }
          int len = group.length();
          indices[g] = new int[rows * len];
          Arrays.fill(indices[g], -1);
          for (int r = 0; r < rows; r++) {
            int[] h = histories[r];
            int from = Math.max(0, h.length - len);
            System.arraycopy(h, from, indices[g], r * len, h.length - from);
          }
          tableRows[g] = itemCount;
        }
      }
    }
    return new TowerInputs(rows, indices, numbers, tableRows);
  }

  /** Each user's positive training items in time order (ties by row). */
  static int[][] histories(InteractionLog train, int users, double threshold) {
    List<List<Integer>> h = new ArrayList<>(users);
    for (int u = 0; u < users; u++) {
      h.add(new ArrayList<>());
    }
    for (int r : train.timeOrder()) {
      if (train.isPositive(r, (float) threshold)) {
        h.get(train.user(r)).add(train.item(r));
      }
    }
    int[][] out = new int[users][];
    for (int u = 0; u < users; u++) {
      out[u] = h.get(u).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  private static float[] standardise(FeatureTable.NumericColumn c, int rows) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int r = 0; r < rows; r++) {
      float v = c.value(r);
      if (!Float.isNaN(v)) {
        sum += v;
        sq += (double) v * v;
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double sd = n == 0 ? 1 : Math.sqrt(Math.max(sq / n - mean * mean, 0));
    double scale = sd > 1e-12 ? 1 / sd : 1;
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      float v = c.value(r);
      out[r] = Float.isNaN(v) ? 0f : (float) ((v - mean) * scale);
    }
    return out;
  }

  private static int[] tokens(FeatureTable features, InputGroup group, int rows, String where) {
    FeatureTable.Column c =
        features
            .column(group.feature())
            .orElseThrow(() -> missing(features, group.feature(), where));
    int len = group.length();
    int[] out = new int[rows * len];
    Arrays.fill(out, -1);
    for (int r = 0; r < rows; r++) {
      List<String> tokens =
          switch (c) {
            case FeatureTable.TextColumn t -> split(t.value(r));
            case FeatureTable.MultiCategoricalColumn m ->
                Arrays.stream(m.codes(r)).mapToObj(m.vocabulary()::id).toList();
            case FeatureTable.CategoricalColumn k ->
                k.value(r) == null ? List.of() : List.of(k.value(r));
            case FeatureTable.NumericColumn n ->
                throw InputException.forField(
                    where, "feature '" + group.feature() + "' is numeric, not text");
          };
      for (int k = 0; k < Math.min(len, tokens.size()); k++) {
        out[r * len + k] = bucket(tokens.get(k), group.buckets());
      }
    }
    return out;
  }

  /** Lower-cased runs of letters and digits. */
  static List<String> split(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** A stable hash bucket of a token (the same on every JVM and run). */
  static int bucket(String token, int buckets) {
    long h = 0x2545F4914F6CDD1DL;
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      h = Seeds.mix(h ^ (b & 0xFF));
    }
    return (int) Math.floorMod(h, (long) buckets);
  }

  private static <C extends FeatureTable.Column> C column(
      FeatureTable features, String name, Class<C> type, String where) {
    FeatureTable.Column c = features.column(name).orElseThrow(() -> missing(features, name, where));
    if (!type.isInstance(c)) {
      throw InputException.forField(
          where, "feature '" + name + "' is " + c.type() + ", not " + type.getSimpleName());
    }
    return type.cast(c);
  }

  private static InputException missing(FeatureTable features, String name, String where) {
    return InputException.forField(
        where,
        "no feature '"
            + name
            + "' in the data; it has "
            + features.columns().stream().map(FeatureTable.Column::name).toList());
  }
}
