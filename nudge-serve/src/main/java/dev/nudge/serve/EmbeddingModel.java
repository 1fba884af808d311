package dev.nudge.serve;

import dev.nudge.core.InputException;
import dev.nudge.model.ModelDirectory;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.model.twotower.TwoTowerModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of the two-tower embeddings the service serves with, swapped atomically by {@code
 * POST /v1/models/reload}. Immutable.
 *
 * <p>File format (UTF-8 text, one vector a line): {@code user<TAB>id<TAB>v1,v2,...} or {@code
 * item<TAB>id<TAB>v1,v2,...}; every vector has the same length; blank lines and lines starting with
 * {@code #} are skipped. The version is the file name plus the first 12 hex digits of its SHA-256,
 * so the same bytes always give the same version.
 *
 * @param version the version string logged with every decision
 * @param dimensions the vector length (0 for the empty model)
 * @param users user vectors by id
 * @param items item vectors by id
 */
public record EmbeddingModel(
    String version, int dimensions, Map<String, float[]> users, Map<String, float[]> items) {

  /** The model of a service without embeddings. */
  public static final EmbeddingModel NONE = new EmbeddingModel("none", 0, Map.of(), Map.of());

  public EmbeddingModel {
    Objects.requireNonNull(version, "version");
    users = Map.copyOf(users);
    items = Map.copyOf(items);
  }

  /** The user's vector, or null. */
  public float[] user(String id) {
    return users.get(id);
  }

  /** The item's vector, or null. */
  public float[] item(String id) {
    return items.get(id);
  }

  /**
   * Loads embeddings from a two-tower model directory (as {@code nudge train} and {@code nudge
   * retrain} write it) or from an embeddings text file.
   *
   * @throws InputException naming the file and the reason when it cannot be read or verified
   */
  public static EmbeddingModel load(Path path) {
    if (Files.isDirectory(path)) {
      Path manifest = path.resolve(ModelDirectory.MANIFEST);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(manifest);
      } catch (IOException e) {
        throw InputException.inFile(
            path, "not a model directory: cannot read " + ModelDirectory.MANIFEST, e);
      }
      // The manifest lists every file's SHA-256, so its own hash identifies the whole model.
      String version = path.getFileName() + "@" + sha256(bytes).substring(0, 12);
      return of(TwoTowerFiles.load(path), version);
    }
    return read(path);
  }

  /** Every user and item vector of a trained two-tower model, under {@code version}. */
  public static EmbeddingModel of(TwoTowerModel model, String version) {
    Map<String, float[]> users = new HashMap<>();
    List<String> userIds = model.userIds();
    for (int u = 0; u < userIds.size(); u++) {
      users.put(userIds.get(u), model.userEmbedding(u));
    }
    Map<String, float[]> items = new HashMap<>();
    List<String> itemIds = model.itemIds();
    for (int i = 0; i < itemIds.size(); i++) {
      items.put(itemIds.get(i), model.itemEmbedding(i));
    }
    return new EmbeddingModel(version, model.dimension(), users, items);
  }

  /**
   * Reads a model file.
   *
   * @throws InputException naming the file and line for a malformed line
   */
  public static EmbeddingModel read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw InputException.inFile(file, "cannot read the embeddings: " + e.getMessage(), e);
    }
    Map<String, float[]> users = new HashMap<>();
    Map<String, float[]> items = new HashMap<>();
    int dims = -1;
    try (BufferedReader in =
        new BufferedReader(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", -1);
        if (parts.length != 3) {
          throw InputException.atLine(
              file, n, "expected 3 tab-separated fields (kind, id, vector), got " + parts.length);
        }
        Map<String, float[]> target =
            switch (parts[0]) {
              case "user" -> users;
              case "item" -> items;
              default ->
                  throw InputException.atLine(
                      file, n, "kind must be 'user' or 'item', got '" + parts[0] + "'");
            };
        String[] values = parts[2].split(",", -1);
        if (dims >= 0 && values.length != dims) {
          throw InputException.atLine(
              file, n, "vector has " + values.length + " values, earlier ones had " + dims);
        }
        dims = values.length;
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
          try {
            v[i] = Float.parseFloat(values[i].trim());
          } catch (NumberFormatException e) {
            throw InputException.atLine(file, n, "value " + (i + 1) + " is not a number");
          }
          if (!Float.isFinite(v[i])) {
            throw InputException.atLine(file, n, "value " + (i + 1) + " is not finite");
          }
        }
        if (target.put(parts[1], v) != null) {
          throw InputException.atLine(file, n, parts[0] + " '" + parts[1] + "' appears twice");
        }
      }
    } catch (IOException e) {
      throw InputException.inFile(file, "cannot read the embeddings: " + e.getMessage(), e);
    }
    if (dims < 0) {
      throw InputException.inFile(file, "no embeddings in the file");
    }
    return new EmbeddingModel(
        file.getFileName() + "@" + sha256(bytes).substring(0, 12), dims, users, items);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
