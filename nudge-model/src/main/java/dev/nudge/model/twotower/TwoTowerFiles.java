package dev.nudge.model.twotower;

import dev.nudge.core.InputException;
import dev.nudge.core.config.Configs;
import dev.nudge.model.ModelDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a two-tower model directory:
 *
 * <ul>
 *   <li>{@code manifest.yaml}: format {@value #FORMAT} version {@value #VERSION}, SHA-256 of every
 *       file, provenance (data set, split, time range, seed, epochs, metrics);
 *   <li>{@code config.yaml}: the {@link TwoTowerConfig} (the {@code train:} section);
 *   <li>{@code users.txt}, {@code items.txt}: ids, one per line, line n = model key n-1;
 *   <li>{@code weights.bin}: named float arrays (tables, attention query, layers);
 *   <li>{@code inputs.bin}: the encoded inputs of every known user and item (vocabulary codes,
 *       hashed tokens, standardised numbers, recent-item histories);
 *   <li>{@code user-codecs.yaml}: per user input group the categorical vocabulary, numeric
 *       standardisation or text tokenisation, to encode users the model never saw;
 *   <li>{@code item-embeddings.f32}: little-endian int32 rows, int32 dim, then rows x dim float32,
 *       for an ANN index or another language.
 * </ul>
 *
 * Loading checks format, version, checksums and that every array has the shape the config implies.
 */
public final class TwoTowerFiles {
  /** The model kind in the manifest. */
  public static final String FORMAT = "nudge.two-tower";

  /** The file layout version this code writes and reads. */
  public static final int VERSION = 1;

  private static final int MAGIC = 0x4E545457; // "NTTW"

  /** The user tower's raw-feature codecs; directories written before it existed lack it. */
  static final String USER_CODECS = "user-codecs.yaml";

  /** The YAML shape of {@link #USER_CODECS}. */
  record UserCodecs(List<RawFeatureCodec> user) {}

  private TwoTowerFiles() {}

  /** Writes the model into {@code dir}. */
  public static void save(TwoTowerModel model, Path dir) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("config.yaml", Configs.toYaml(model.config()).getBytes(StandardCharsets.UTF_8));
    files.put("users.txt", lines(model.userIds()));
    files.put("items.txt", lines(model.itemIds()));
    files.put("weights.bin", weights(model));
    files.put("inputs.bin", inputs(model));
    files.put(
        USER_CODECS,
        Configs.toYaml(new UserCodecs(model.userCodecs())).getBytes(StandardCharsets.UTF_8));
    files.put("item-embeddings.f32", embeddings(model.itemEmbeddings(), model.dimension()));
    ModelDirectory.write(dir, FORMAT, VERSION, model.provenance(), files);
  }

  /** Reads and verifies a model directory. */
  public static TwoTowerModel load(Path dir) {
    ModelDirectory.Contents c = ModelDirectory.read(dir, FORMAT, VERSION);
    TwoTowerConfig config =
        Configs.parse(
            new String(c.file("config.yaml"), StandardCharsets.UTF_8), TwoTowerConfig.class);
    List<String> users = ids(c.file("users.txt"));
    List<String> items = ids(c.file("items.txt"));
    List<RawFeatureCodec> codecs =
        c.files().containsKey(USER_CODECS)
            ? Configs.parse(
                    new String(c.file(USER_CODECS), StandardCharsets.UTF_8), UserCodecs.class)
                .user()
            : List.of();
    TowerInputs[] inputs;
    Map<String, float[]> arrays;
    try {
      inputs = readInputs(c.file("inputs.bin"));
      arrays = readArrays(c.file("weights.bin"));
    } catch (IOException e) {
      throw InputException.inFile(dir, "model files are truncated or malformed: " + e, e);
    }
    try {
      TowerWeights u = weights(config.user(), config, inputs[0], arrays, "user");
      TowerWeights i = weights(config.item(), config, inputs[1], arrays, "item");
      return new TwoTowerModel(
          config, users, items, inputs[0], inputs[1], codecs, u, i, c.manifest().provenance());
    } catch (IllegalArgumentException e) {
      throw InputException.inFile(dir, "model does not match its config: " + e.getMessage(), e);
    }
  }

  /** Little-endian {@code rows, dim, floats}: the layout of {@code item-embeddings.f32}. */
  public static byte[] embeddings(float[][] rows, int dim) {
    ByteBuffer buf = ByteBuffer.allocate(8 + rows.length * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(rows.length).putInt(dim);
    for (float[] r : rows) {
      for (float v : r) {
        buf.putFloat(v);
      }
    }
    return buf.array();
  }

  private static byte[] lines(List<String> ids) {
    StringBuilder sb = new StringBuilder();
    for (String id : ids) {
      if (id.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("id contains a line break: " + id);
      }
      sb.append(id).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ids(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8).lines().toList();
  }

  private static byte[] weights(TwoTowerModel model) {
    Map<String, float[]> arrays = new LinkedHashMap<>();
    put(arrays, "user", model.userWeights());
    put(arrays, "item", model.itemWeights());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(arrays.size());
      for (Map.Entry<String, float[]> e : arrays.entrySet()) {
        out.writeUTF(e.getKey());
        writeFloats(out, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(Map<String, float[]> arrays, String tower, TowerWeights w) {
    for (int g = 0; g < w.tables.length; g++) {
      if (w.tables[g] != null) {
        arrays.put(tower + ".table." + g, w.tables[g]);
      }
    }
    if (w.query != null) {
      arrays.put(tower + ".query", w.query);
    }
    for (int l = 0; l < w.weights.length; l++) {
      arrays.put(tower + ".weight." + l, w.weights[l]);
      arrays.put(tower + ".bias." + l, w.biases[l]);
    }
  }

  private static TowerWeights weights(
      TowerConfig tower,
      TwoTowerConfig config,
      TowerInputs in,
      Map<String, float[]> arrays,
      String name) {
    in.check(tower.inputs(), name);
    float[][] tables = new float[tower.inputs().size()][];
    float[] query = null;
    for (int g = 0; g < tables.length; g++) {
      InputGroup group = tower.inputs().get(g);
      if (group.kind() == InputGroup.Kind.NUMERIC) {
        continue;
      }
      tables[g] = array(arrays, name + ".table." + g, in.tableRows(g) * group.dim());
      if (group.kind() == InputGroup.Kind.HISTORY) {
        query = array(arrays, name + ".query", group.dim());
      }
    }
    int[] sizes = TowerWeights.layerSizes(tower, config.outputDim());
    float[][] w = new float[sizes.length - 1][];
    float[][] b = new float[sizes.length - 1][];
    for (int l = 0; l < w.length; l++) {
      w[l] = array(arrays, name + ".weight." + l, sizes[l] * sizes[l + 1]);
      b[l] = array(arrays, name + ".bias." + l, sizes[l + 1]);
    }
    return new TowerWeights(tower, config.outputDim(), config.cosine(), tables, query, w, b);
  }

  private static float[] array(Map<String, float[]> arrays, String name, int length) {
    float[] a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("weights.bin has no array '" + name + "'");
    }
    if (a.length != length) {
      throw new IllegalArgumentException(
          "array '" + name + "' has " + a.length + " values, the config implies " + length);
    }
    return a;
  }

  private static byte[] inputs(TwoTowerModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      for (TowerInputs in : List.of(model.userInputs(), model.itemInputs())) {
        out.writeInt(in.rows());
        out.writeInt(in.groups());
        for (int g = 0; g < in.groups(); g++) {
          out.writeInt(in.tableRows(g));
          boolean numeric = in.indices(g) == null;
          out.writeBoolean(numeric);
          if (numeric) {
            writeFloats(out, in.numbers(g));
          } else {
            int[] idx = in.indices(g);
            out.writeInt(idx.length);
            for (int v : idx) {
              out.writeInt(v);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static TowerInputs[] readInputs(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      magic(in, "inputs.bin");
      TowerInputs[] out = new TowerInputs[2];
      for (int t = 0; t < 2; t++) {
        int rows = in.readInt();
        int groups = in.readInt();
        int[][] idx = new int[groups][];
        float[][] num = new float[groups][];
        int[] tableRows = new int[groups];
        for (int g = 0; g < groups; g++) {
          tableRows[g] = in.readInt();
          if (in.readBoolean()) {
            num[g] = readFloats(in);
          } else {
            idx[g] = new int[length(in)];
            for (int k = 0; k < idx[g].length; k++) {
              idx[g][k] = in.readInt();
              if (idx[g][k] < -1 || idx[g][k] >= tableRows[g]) {
                throw new IOException(
                    "inputs.bin: index " + idx[g][k] + " outside table of " + tableRows[g]);
              }
            }
          }
        }
        out[t] = new TowerInputs(rows, idx, num, tableRows);
      }
      return out;
    }
  }

  private static Map<String, float[]> readArrays(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      magic(in, "weights.bin");
      int n = in.readInt();
      Map<String, float[]> out = new LinkedHashMap<>();
      for (int k = 0; k < n; k++) {
        String name = in.readUTF();
        out.put(name, readFloats(in));
      }
      return out;
    }
  }

  private static void magic(DataInputStream in, String file) throws IOException {
    int m = in.readInt();
    if (m != MAGIC) {
      throw new IOException(file + " does not start with the two-tower magic number");
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] v = new float[length(in)];
    for (int k = 0; k < v.length; k++) {
      v[k] = in.readFloat();
    }
    return v;
  }

  private static int length(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("array length " + n + " exceeds the bytes left");
    }
    return n;
  }
}
