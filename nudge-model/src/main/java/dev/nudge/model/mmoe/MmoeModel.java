package dev.nudge.model.mmoe;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.model.GradientLock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A trained MMoE ranker: dense features in, one probability per task out. Training is reproducible
 * per {@link MmoeConfig#seed()} (engine seed for initialisation, {@link Seeds} for the shuffles).
 * {@link #predict} may run on several threads at once; {@link #close} frees the native memory and
 * must come last.
 */
public final class MmoeModel implements AutoCloseable {
  private final Model model;
  private final MmoeBlock block;
  private final List<String> tasks;
  private final int inputDim;
  private final MmoeConfig config;

  private MmoeModel(
      Model model, MmoeBlock block, List<String> tasks, int inputDim, MmoeConfig config) {
    this.model = model;
    this.block = block;
    this.tasks = tasks;
    this.inputDim = inputDim;
    this.config = config;
  }

  /**
   * A model whose parameters are read from {@code params} (the bytes {@link #parameters()} wrote),
   * for {@link MmoeFiles}.
   *
   * @throws IOException if the bytes do not fit the network the arguments describe
   */
  static MmoeModel restore(List<String> tasks, int inputDim, MmoeConfig config, byte[] params)
      throws IOException {
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("tasks must not be empty");
    }
    if (inputDim < 1) {
      throw new IllegalArgumentException("inputDim must be >= 1, got " + inputDim);
    }
    MmoeBlock block = new MmoeBlock(tasks.size(), config);
    Model model = Model.newInstance("mmoe");
    model.setBlock(block);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
      block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, inputDim));
      // DJL replaces parameter arrays with whatever shape the stream holds: compare each with
      // the shape the freshly initialised network has, so a mismatch fails here, not in predict.
      Map<String, Shape> expected = new LinkedHashMap<>();
      block
          .getParameters()
          .forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
      block.loadParameters(model.getNDManager(), in);
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes left after the last parameter");
      }
      block
          .getParameters()
          .forEach(
              p -> {
                Shape got = p.getValue().getArray().getShape();
                if (!got.equals(expected.get(p.getKey()))) {
                  throw new IllegalArgumentException(
                      "parameter "
                          + p.getKey()
                          + " has shape "
                          + got
                          + ", the network needs "
                          + expected.get(p.getKey()));
                }
              });
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    return new MmoeModel(model, block, tasks, inputDim, config);
  }

  /** The network's parameters in DJL's block format, for {@link MmoeFiles}. */
  byte[] parameters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The architecture and training settings this model was trained with. */
  public MmoeConfig config() {
    return config;
  }

  /**
   * Trains on {@code x} (rows of features) and {@code y} (one 0/1 label per task per row) with the
   * mean binary cross-entropy over rows and tasks.
   *
   * @param tasks the task names, one per column of {@code y}
   */
  public static MmoeModel train(
      List<String> tasks, float[][] x, float[][] y, MmoeConfig config, Progress progress) {
    Objects.requireNonNull(config, "config");
    tasks = List.copyOf(tasks);
    int dim = checkFeatures(x, -1);
    checkLabels(y, x.length, tasks.size());
    Engine.getInstance().setRandomSeed((int) Seeds.derive(config.seed(), "mmoe.init"));
    MmoeBlock block = new MmoeBlock(tasks.size(), config);
    Model model = Model.newInstance("mmoe");
    model.setBlock(block);
    DefaultTrainingConfig training =
        new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(config.learningRate()))
                    .build());
    int n = x.length;
    int t = tasks.size();
    try (Trainer trainer = model.newTrainer(training)) {
      trainer.initialize(new Shape(config.batchSize(), dim));
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        shuffle(order, Seeds.random(config.seed(), "mmoe.shuffle." + epoch));
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < n; start += config.batchSize()) {
          int b = Math.min(config.batchSize(), n - start);
          float[] xb = new float[b * dim];
          float[] yb = new float[b * t];
          for (int r = 0; r < b; r++) {
            System.arraycopy(x[order[start + r]], 0, xb, r * dim, dim);
            System.arraycopy(y[order[start + r]], 0, yb, r * t, t);
          }
          lossSum += GradientLock.during(() -> batchLoss(trainer, xb, yb, b, dim, t));
          batches++;
          trainer.step();
          progress.step(b);
        }
        progress.message(String.format("epoch %d loss %.4f", epoch + 1, lossSum / batches));
      }
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new MmoeModel(model, block, tasks, dim, config);
  }

  public List<String> tasks() {
    return tasks;
  }

  public int inputDimension() {
    return inputDim;
  }

  /** One probability per task for each row: {@code [row][task]}. */
  public float[][] predict(float[][] x) {
    checkFeatures(x, inputDim);
    int n = x.length;
    int t = tasks.size();
    float[][] out = new float[n][t];
    if (n == 0) {
      return out;
    }
    float[] flat = new float[n * inputDim];
    for (int r = 0; r < n; r++) {
      System.arraycopy(x[r], 0, flat, r * inputDim, inputDim);
    }
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray logits =
          block
              .forward(
                  new ParameterStore(m, false),
                  new NDList(m.create(flat, new Shape(n, inputDim))),
                  false)
              .singletonOrThrow();
      float[] p = Activation.sigmoid(logits).toFloatArray();
      for (int r = 0; r < n; r++) {
        System.arraycopy(p, r * t, out[r], 0, t);
      }
    }
    return out;
  }

  /** Each task's gate weights over the experts for each row: {@code [task][row][expert]}. */
  public float[][][] gates(float[][] x) {
    checkFeatures(x, inputDim);
    int n = x.length;
    float[][][] out = new float[tasks.size()][n][];
    float[] flat = new float[n * inputDim];
    for (int r = 0; r < n; r++) {
      System.arraycopy(x[r], 0, flat, r * inputDim, inputDim);
    }
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray in = m.create(flat, new Shape(n, inputDim));
      ParameterStore store = new ParameterStore(m, false);
      for (int t = 0; t < tasks.size(); t++) {
        float[] g = block.gate(store, in, t, false).toFloatArray();
        int e = g.length / n;
        for (int r = 0; r < n; r++) {
          out[t][r] = java.util.Arrays.copyOfRange(g, r * e, (r + 1) * e);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }

  /** One batch's forward and backward pass, gradients left on the parameters; its loss. */
  private static double batchLoss(Trainer trainer, float[] xb, float[] yb, int b, int dim, int t) {
    try (NDManager batch = trainer.getManager().newSubManager();
        GradientCollector gc = trainer.newGradientCollector()) {
      NDArray xs = batch.create(xb, new Shape(b, dim));
      NDArray ys = batch.create(yb, new Shape(b, t));
      NDList pred = trainer.forward(new NDList(xs));
      NDArray loss = trainer.getLoss().evaluate(new NDList(ys), pred);
      gc.backward(loss);
      return loss.getFloat();
    }
  }

  private static void shuffle(int[] a, RandomGenerator rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  /** The rows' common width (which must equal {@code expected} unless that is -1). */
  private static int checkFeatures(float[][] x, int expected) {
    Objects.requireNonNull(x, "x");
    if (x.length == 0 && expected < 0) {
      throw new IllegalArgumentException("x must have at least one row");
    }
    int dim = expected < 0 ? x[0].length : expected;
    if (dim < 1) {
      throw new IllegalArgumentException("x rows must have at least one feature");
    }
    for (int r = 0; r < x.length; r++) {
      if (x[r].length != dim) {
        throw new IllegalArgumentException(
            "x row " + r + " has " + x[r].length + " features, expected " + dim);
      }
      for (int d = 0; d < dim; d++) {
        if (!Float.isFinite(x[r][d])) {
          throw new IllegalArgumentException("x[" + r + "][" + d + "] is " + x[r][d]);
        }
      }
    }
    return dim;
  }

  private static void checkLabels(float[][] y, int rows, int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks must not be empty");
    }
    if (y.length != rows) {
      throw new IllegalArgumentException("y has " + y.length + " rows, x has " + rows);
    }
    for (int r = 0; r < rows; r++) {
      if (y[r].length != tasks) {
        throw new IllegalArgumentException(
            "y row " + r + " has " + y[r].length + " labels for " + tasks + " tasks");
      }
      for (int t = 0; t < tasks; t++) {
        if (!(y[r][t] >= 0 && y[r][t] <= 1)) {
          throw new IllegalArgumentException(
              "y[" + r + "][" + t + "] must be a label in [0, 1], got " + y[r][t]);
        }
      }
    }
  }
}
