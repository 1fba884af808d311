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
import java.util.Map;

/**
 * Turns a data set's features and a training log into {@link TowerInputs}: table-row indices for
 * id, categorical, text and history groups, standardised numbers for numeric groups. Stateless.
 */
final class FeatureEncoder {

  private FeatureEncoder() {}

  /** The encoded inputs of both towers, and how the user tower's raw values were encoded. */
  record Encoded(TowerInputs users, TowerInputs items, List<RawFeatureCodec> userCodecs) {}

  /**
   * Encodes every user and item of {@code data}; histories come from the positives of {@code
   * train}, most recent last.
   */
  static Encoded encode(Dataset data, InteractionLog train, TwoTowerConfig config) {
    int[][] histories =
        histories(train, data.users().size(), config.training().positiveThreshold());
    List<RawFeatureCodec> userCodecs = new ArrayList<>();
    TowerInputs users =
        encodeTower(
            "user",
            config.user(),
            data.users().size(),
            data.users().features(),
            histories,
            data.items().size(),
            userCodecs);
    TowerInputs items =
        encodeTower(
            "item",
            config.item(),
            data.items().size(),
            data.items().features(),
            null,
            0,
            new ArrayList<>());
    return new Encoded(users, items, List.copyOf(userCodecs));
  }

  private static TowerInputs encodeTower(
      String tower,
      TowerConfig config,
      int rows,
      FeatureTable features,
      int[][] histories,
      int itemCount,
      List<RawFeatureCodec> codecs) {
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
          codecs.add(RawFeatureCodec.plain(group.kind()));
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
          codecs.add(
              new RawFeatureCodec(
                  group.kind(), group.feature(), c.vocabulary().ids(), null, null, null));
        }
        case NUMERIC -> {
          FeatureTable.NumericColumn c =
              column(features, group.feature(), FeatureTable.NumericColumn.class, where);
          double[] meanScale = meanScale(c, rows);
          numbers[g] = new float[rows];
          for (int r = 0; r < rows; r++) {
            numbers[g][r] = standardise(c.value(r), meanScale[0], meanScale[1]);
          }
          codecs.add(
              new RawFeatureCodec(
                  group.kind(), group.feature(), null, meanScale[0], meanScale[1], null));
        }
        case TEXT -> {
          indices[g] = tokens(features, group, rows, where);
          tableRows[g] = group.buckets();
          RawFeatureCodec.Tokens mode =
              switch (features.column(group.feature()).orElseThrow()) {
                case FeatureTable.MultiCategoricalColumn m -> RawFeatureCodec.Tokens.VALUES;
                case FeatureTable.CategoricalColumn k -> RawFeatureCodec.Tokens.VALUE;
                default -> RawFeatureCodec.Tokens.WORDS;
              };
          codecs.add(new RawFeatureCodec(group.kind(), group.feature(), null, null, null, mode));
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
          codecs.add(RawFeatureCodec.plain(group.kind()));
        }
      }
    }
    return new TowerInputs(rows, indices, numbers, tableRows);
  }

  /**
   * One user's inputs from raw values, encoded exactly as training encoded known users, except that
   * the id group holds no row (-1: the tower reads zeros there).
   *
   * @param tower the user tower
   * @param codecs how each group's raw values were encoded at training time
   * @param known the known users' inputs (for the tables' heights)
   * @param user the raw values
   * @param itemKeys model keys of item ids
   */
  static TowerInputs encodeCold(
      TowerConfig tower,
      List<RawFeatureCodec> codecs,
      TowerInputs known,
      ColdUser user,
      Map<String, Integer> itemKeys) {
    List<InputGroup> groups = tower.inputs();
    int[][] indices = new int[groups.size()][];
    float[][] numbers = new float[groups.size()][];
    int[] tableRows = new int[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      InputGroup group = groups.get(g);
      RawFeatureCodec codec = codecs.get(g);
      String raw = group.feature() == null ? null : user.features().get(group.feature());
      tableRows[g] = known.tableRows(g);
      switch (group.kind()) {
        case ID -> indices[g] = new int[] {-1};
        case CATEGORICAL -> {
          int code = raw == null ? -1 : codec.vocabulary().indexOf(raw);
          indices[g] = new int[] {code < 0 ? codec.vocabulary().size() : code};
        }
        case NUMERIC -> {
          float value = raw == null || raw.isBlank() ? Float.NaN : number(raw, group.feature());
          numbers[g] = new float[] {standardise(value, codec.mean(), codec.scale())};
        }
        case TEXT -> {
          List<String> tokens =
              raw == null
                  ? List.of()
                  : switch (codec.tokens()) {
                    case WORDS -> split(raw);
                    case VALUES ->
                        Arrays.stream(raw.split("\\|"))
                            .map(String::trim)
                            .filter(v -> !v.isEmpty())
                            .toList();
                    case VALUE -> List.of(raw);
                  };
          indices[g] = new int[group.length()];
          Arrays.fill(indices[g], -1);
          for (int k = 0; k < Math.min(group.length(), tokens.size()); k++) {
            indices[g][k] = bucket(tokens.get(k), group.buckets());
          }
        }
        case HISTORY -> {
          int[] keys =
              user.history().stream()
                  .mapToInt(id -> itemKeys.getOrDefault(id, -1))
                  .filter(k -> k >= 0)
                  .toArray();
          int len = group.length();
          indices[g] = new int[len];
          Arrays.fill(indices[g], -1);
          int from = Math.max(0, keys.length - len);
          System.arraycopy(keys, from, indices[g], 0, keys.length - from);
        }
      }
    }
    return new TowerInputs(1, indices, numbers, tableRows);
  }

  private static float number(String raw, String feature) {
    try {
      return Float.parseFloat(raw.trim());
    } catch (NumberFormatException e) {
      throw InputException.forField(
          "features." + feature, "a numeric feature needs a number, got '" + raw + "'");
    }
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

  /** The training mean and 1 / sd of a numeric column (1 when the sd is zero). */
  private static double[] meanScale(FeatureTable.NumericColumn c, int rows) {
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
    return new double[] {mean, scale};
  }

  /** A standardised value; a missing value (NaN) reads as the mean. */
  private static float standardise(float v, double mean, double scale) {
    return Float.isNaN(v) ? 0f : (float) ((v - mean) * scale);
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
