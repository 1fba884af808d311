package dev.nudge.model.mmoe;

import dev.nudge.core.InputException;
import dev.nudge.core.config.Configs;
import dev.nudge.model.ModelDirectory;
import dev.nudge.model.ModelProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads an MMoE model directory, checked like every {@link ModelDirectory}:
 *
 * <ul>
 *   <li>{@code manifest.yaml}: format {@value #FORMAT} version {@value #VERSION}, SHA-256 of every
 *       file, provenance;
 *   <li>{@code config.yaml}: the {@link MmoeConfig};
 *   <li>{@code tasks.txt}: the task names, one per line, in output order, then {@code
 *       input-dim=<n>} on the last line;
 *   <li>{@code params.bin}: the network's parameters in DJL's block format (shapes included).
 * </ul>
 *
 * Loading rebuilds the network from the config, task count and input width and fails with an {@link
 * InputException} naming the directory when the parameters do not fit it.
 */
public final class MmoeFiles {
  /** The model kind in the manifest. */
  public static final String FORMAT = "nudge.mmoe";

  /** The file layout version this code writes and reads. */
  public static final int VERSION = 1;

  private static final String INPUT_DIM = "input-dim=";

  private MmoeFiles() {}

  /** Writes the model and its provenance into {@code dir} (created if needed). */
  public static void save(MmoeModel model, ModelProvenance provenance, Path dir) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("config.yaml", Configs.toYaml(model.config()).getBytes(StandardCharsets.UTF_8));
    StringBuilder tasks = new StringBuilder();
    for (String t : model.tasks()) {
      if (t.isBlank() || t.indexOf('\n') >= 0 || t.startsWith(INPUT_DIM)) {
        throw new IllegalArgumentException("task name cannot be saved: '" + t + "'");
      }
      tasks.append(t).append('\n');
    }
    tasks.append(INPUT_DIM).append(model.inputDimension()).append('\n');
    files.put("tasks.txt", tasks.toString().getBytes(StandardCharsets.UTF_8));
    files.put("params.bin", model.parameters());
    ModelDirectory.write(dir, FORMAT, VERSION, provenance, files);
  }

  /** Reads and verifies a model directory; the caller closes the returned model. */
  public static MmoeModel load(Path dir) {
    ModelDirectory.Contents c = ModelDirectory.read(dir, FORMAT, VERSION);
    MmoeConfig config =
        Configs.parse(new String(c.file("config.yaml"), StandardCharsets.UTF_8), MmoeConfig.class);
    List<String> lines = new String(c.file("tasks.txt"), StandardCharsets.UTF_8).lines().toList();
    Path tasksFile = dir.resolve("tasks.txt");
    if (lines.size() < 2 || !lines.get(lines.size() - 1).startsWith(INPUT_DIM)) {
      throw InputException.inFile(
          tasksFile, "expected task names, then a last line '" + INPUT_DIM + "<n>'");
    }
    int dim;
    try {
      dim = Integer.parseInt(lines.get(lines.size() - 1).substring(INPUT_DIM.length()));
    } catch (NumberFormatException e) {
      throw InputException.inFile(
          tasksFile, "line " + lines.size() + ": input width is not an integer", e);
    }
    if (dim < 1) {
      throw InputException.inFile(tasksFile, "line " + lines.size() + ": input width " + dim);
    }
    try {
      return MmoeModel.restore(
          lines.subList(0, lines.size() - 1), dim, config, c.file("params.bin"));
    } catch (IOException e) {
      throw InputException.inFile(
          dir.resolve("params.bin"),
          "parameters do not fit the network of config.yaml and tasks.txt: " + e.getMessage(),
          e);
    }
  }
}
