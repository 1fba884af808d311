package dev.nudge.model.twotower;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.core.Seeds;
import dev.nudge.data.Dataset;
import dev.nudge.data.InteractionLog;
import dev.nudge.model.GradientLock;
import dev.nudge.model.ModelProvenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Trains a two-tower model with DJL (PyTorch engine): shuffled mini-batches of positive pairs,
 * in-batch softmax with (weighted) log-Q correction, BCE, pairwise BPR or sampled softmax with
 * sampled (uniform or unseen-only, optionally plus hard) negatives, or the exact softmax over a
 * small catalogue; Adam with optional decoupled weight decay, early stopping on a validation score.
 *
 * <p>Parameters live in Java arrays ({@link TowerWeights}). Each step builds the batch's graph from
 * them, lets PyTorch compute the gradients, and applies Adam in Java: densely to the MLP and row by
 * row to the embedding rows the batch touched, so a step never costs a whole table (the dense Adam
 * step over large tables is DJL's known slow path). Deterministic for a seed.
 */
public final class TwoTowerTrainer {

  /** A trained model and how training went. */
  public record Result(TwoTowerModel model, TrainingReport report) {}

  private final TwoTowerConfig config;
  private final TrainingConfig training;
  private final TowerInputs users;
  private final TowerInputs items;
  private final List<RawFeatureCodec> userCodecs;
  private final TowerWeights userWeights;
  private final TowerWeights itemWeights;
  private final TowerState userState;
  private final TowerState itemState;
  private final AdamOptimizer adam;
  private final RandomGenerator dropoutRng;
  private final NegativeSampler negativeSampler;
  private final SeenItems seen;
  private final int[] catalogue;

  private TwoTowerTrainer(
      TwoTowerConfig config, FeatureEncoder.Encoded encoded, int[] pairUsers, int[] pairItems) {
    TowerInputs users = encoded.users();
    TowerInputs items = encoded.items();
    this.userCodecs = encoded.userCodecs();
    this.config = config;
    this.training = config.training();
    this.users = users;
    this.items = items;
    long seed = training.seed();
    this.userWeights =
        TowerWeights.init(
            config.user(),
            config.outputDim(),
            config.cosine(),
            users,
            Seeds.random(seed, "two-tower.init.user"));
    this.itemWeights =
        TowerWeights.init(
            config.item(),
            config.outputDim(),
            config.cosine(),
            items,
            Seeds.random(seed, "two-tower.init.item"));
    this.userState = new TowerState(userWeights);
    this.itemState = new TowerState(itemWeights);
    this.adam = new AdamOptimizer(training.learningRate(), training.l2(), training.weightDecay());
    this.dropoutRng = Seeds.random(seed, "two-tower.dropout");
    RandomGenerator negativeRng = Seeds.random(seed, "two-tower.negatives");
    boolean wholeCatalogue = training.loss() == TrainingConfig.Loss.CATALOGUE_SOFTMAX;
    this.seen =
        training.excludeSeen() || wholeCatalogue
            ? SeenItems.of(users.rows(), pairUsers, pairItems)
            : null;
    this.negativeSampler =
        training.excludeSeen()
            ? NegativeSampler.excludingSeen(items.rows(), seen, negativeRng)
            : NegativeSampler.uniform(items.rows(), negativeRng);
    this.catalogue = wholeCatalogue ? SoftmaxLosses.allItems(items.rows()) : null;
  }

  /**
   * Trains on the positives of {@code train} (ratings at or above the configured threshold, or
   * labels of 1).
   *
   * @param data users, items and their features; {@code train} refers to its keys
   * @param train the training log
   * @param config the model and training settings
   * @param validation scored after each epoch for early stopping, or null to run every epoch
   * @param progress shows examples trained, loss and examples/s
   */
  public static Result train(
      Dataset data,
      InteractionLog train,
      TwoTowerConfig config,
      ValidationScore validation,
      Progress progress) {
    int catalogueSize = data.items().size();
    if (config.training().loss() == TrainingConfig.Loss.CATALOGUE_SOFTMAX
        && catalogueSize > TrainingConfig.CATALOGUE_SOFTMAX_MAX_ITEMS) {
      throw InputException.forField(
          "train.training.loss",
          "catalogueSoftmax scores every item at every step and is limited to catalogues of "
              + TrainingConfig.CATALOGUE_SOFTMAX_MAX_ITEMS
              + " items; this one has "
              + catalogueSize
              + " (use sampledSoftmax with negatives)");
    }
    FeatureEncoder.Encoded encoded = FeatureEncoder.encode(data, train, config);
    float threshold = config.training().positiveThreshold().floatValue();
    int[] positives =
        java.util.stream.IntStream.range(0, train.size())
            .filter(r -> train.isPositive(r, threshold))
            .toArray();
    if (positives.length < config.training().batchSize()) {
      throw InputException.forField(
          "train.training.batchSize",
          "the training log has "
              + positives.length
              + " positives, fewer than one batch of "
              + config.training().batchSize());
    }
    int[] pairUsers = new int[positives.length];
    int[] pairItems = new int[positives.length];
    for (int k = 0; k < positives.length; k++) {
      pairUsers[k] = train.user(positives[k]);
      pairItems[k] = train.item(positives[k]);
    }
    TwoTowerTrainer trainer = new TwoTowerTrainer(config, encoded, pairUsers, pairItems);
    return trainer.run(data, train, pairUsers, pairItems, validation, progress);
  }

  private Result run(
      Dataset data,
      InteractionLog train,
      int[] pairUsers,
      int[] pairItems,
      ValidationScore validation,
      Progress progress) {
    int n = pairUsers.length;
    int batch = training.batchSize();
    int stepsPerEpoch = n / batch;
    FrequencyEstimator frequency =
        new FrequencyEstimator(items.rows(), training.frequencyDecay(), stepsPerEpoch);
    RandomGenerator shuffleRng = Seeds.random(training.seed(), "two-tower.shuffle");
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    List<Double> losses = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    TowerWeights[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    long examples = 0;
    long nanos = 0;
    long step = 0;
    int epoch = 0;
    try (NDManager base = NDManager.newBaseManager()) {
      if (training.threads() > 0) {
        JniUtils.setNumThreads(training.threads());
      }
      while (epoch < training.epochs()) {
        epoch++;
        shuffle(order, shuffleRng);
        double lossSum = 0;
        long start = System.nanoTime();
        for (int s = 0; s < stepsPerEpoch; s++) {
          int[] ub = new int[batch];
          int[] ib = new int[batch];
          for (int k = 0; k < batch; k++) {
            int pair = order[s * batch + k];
            ub[k] = pairUsers[pair];
            ib[k] = pairItems[pair];
          }
          for (int i : ib) {
            frequency.observe(i, step);
          }
          lossSum += GradientLock.during(() -> step(base, ub, ib, frequency));
          step++;
          examples += batch;
          progress.step(batch);
          if (s % 20 == 19 || s == stepsPerEpoch - 1) {
            double secs = (System.nanoTime() - start) / 1e9;
            progress.message(
                String.format(
                    Locale.ROOT,
                    "epoch %d loss %.4f %.0f ex/s",
                    epoch,
                    lossSum / (s + 1),
                    (s + 1) * (double) batch / secs));
          }
        }
        nanos += System.nanoTime() - start;
        losses.add(lossSum / stepsPerEpoch);
        if (validation == null) {
          bestEpoch = epoch;
          continue;
        }
        double score = validation.score(snapshot(data, train, epoch, epoch));
        scores.add(score);
        // NaN (nothing to validate on) never beats a number, but the first epoch is kept.
        if (best == null || score > bestScore) {
          bestScore = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
          bestEpoch = epoch;
          best = new TowerWeights[] {userWeights.copy(), itemWeights.copy()};
        } else if (epoch - bestEpoch >= training.patience()) {
          break;
        }
      }
    }
    TowerWeights u = best == null ? userWeights : best[0];
    TowerWeights i = best == null ? itemWeights : best[1];
    TwoTowerModel model =
        new TwoTowerModel(
            config,
            data.users().ids().ids(),
            data.items().ids().ids(),
            users,
            items,
            userCodecs,
            u,
            i,
            provenance(data, train, epoch, bestEpoch));
    TrainingReport report =
        new TrainingReport(epoch, bestEpoch, losses, scores, examples, nanos / 1e9);
    return new Result(model, report);
  }

  private TwoTowerModel snapshot(Dataset data, InteractionLog train, int epochs, int bestEpoch) {
    return new TwoTowerModel(
        config,
        data.users().ids().ids(),
        data.items().ids().ids(),
        users,
        items,
        userCodecs,
        userWeights,
        itemWeights,
        provenance(data, train, epochs, bestEpoch));
  }

  private ModelProvenance provenance(Dataset data, InteractionLog train, int epochs, int best) {
    return new ModelProvenance(
        data.name(),
        "none",
        train.firstTime(),
        train.lastTime(),
        train.size(),
        training.seed(),
        epochs,
        best,
        Map.of(),
        Instant.now().toString());
  }

  /** One optimisation step; returns the batch's loss. */
  private double step(NDManager base, int[] ub, int[] ib, FrequencyEstimator frequency) {
    int b = ub.length;
    float invTemp = (float) (1 / config.temperature());
    adam.beginStep();
    try (NDManager m = base.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      TowerGraph.Pass user = TowerGraph.forward(m, userWeights, users, ub, masks(config.user(), b));
      int[] itemRows = ib;
      if (training.loss().samplesNegatives()) {
        // One item pass over the positives followed by k sampled negatives per positive.
        int k = training.negatives();
        itemRows = Arrays.copyOf(ib, b * (1 + k));
        for (int j = b; j < itemRows.length; j++) {
          itemRows[j] = negativeSampler.next(ub[(j - b) / k]);
        }
      } else if (catalogue != null) {
        itemRows = catalogue;
      }
      TowerGraph.Pass item =
          TowerGraph.forward(
              m, itemWeights, items, itemRows, masks(config.item(), itemRows.length));
      // The catalogue softmax reads the positives' scores off the whole catalogue's.
      NDArray positives = item.output();
      if (itemRows != ib && catalogue == null) {
        positives = item.output().get("0:" + b);
      }
      NDArray temperature = TowerGraph.constant(m, invTemp);
      NDArray loss;
      if (training.loss() == TrainingConfig.Loss.SOFTMAX) {
        float[] minusLogQ = new float[b];
        for (int c = 0; c < b; c++) {
          minusLogQ[c] = (float) (-training.logQWeight() * Math.log(frequency.probability(ib[c])));
        }
        NDArray eye = m.eye(b);
        // Subtract log q (Yi et al.); a repeat of the row's own item is not a negative.
        NDArray logits =
            user.output()
                .matMul(positives.transpose())
                .mul(temperature)
                .add(m.create(minusLogQ, new Shape(1, b)))
                .add(m.create(sameItemMask(ib, false), new Shape(b, b)));
        loss = logits.logSoftmax(1).mul(eye).sum().neg().div(TowerGraph.constant(m, b));
      } else if (training.loss() == TrainingConfig.Loss.SAMPLED_SOFTMAX) {
        loss =
            SoftmaxLosses.sampledSoftmax(
                m,
                user.output(),
                positives,
                item.output().get(b + ":"),
                temperature,
                SoftmaxLosses.repeatedPositiveMask(
                    ib, Arrays.copyOfRange(itemRows, b, itemRows.length)));
      } else if (training.loss() == TrainingConfig.Loss.CATALOGUE_SOFTMAX) {
        loss =
            SoftmaxLosses.catalogueSoftmax(
                m,
                user.output(),
                item.output(),
                temperature,
                SoftmaxLosses.catalogueRows(ub, ib, seen, catalogue.length));
      } else if (training.loss() == TrainingConfig.Loss.BPR) {
        loss =
            bprLoss(
                m,
                user.output(),
                positives,
                item.output().get(b + ":"),
                temperature,
                training.hardNegatives() ? sameItemMask(ib, true) : null);
      } else {
        int k = training.negatives();
        int o = config.outputDim();
        NDArray positive = user.output().mul(positives).sum(new int[] {1}).mul(temperature);
        NDArray negative =
            item.output()
                .get(b + ":")
                .reshape(b, k, o)
                .matMul(user.output().reshape(b, o, 1))
                .reshape(b, k)
                .mul(temperature);
        loss = Activation.softPlus(positive.neg()).sum().add(Activation.softPlus(negative).sum());
        if (training.hardNegatives()) {
          NDArray hardest =
              user.output()
                  .matMul(positives.transpose())
                  .mul(temperature)
                  .add(m.create(sameItemMask(ib, true), new Shape(b, b)))
                  .max(new int[] {1});
          loss = loss.add(Activation.softPlus(hardest).sum());
        }
        loss = loss.div(TowerGraph.constant(m, b));
      }
      collector.backward(loss);
      double value = loss.getFloat();
      userState.apply(adam, user, users, ub);
      itemState.apply(adam, item, items, itemRows);
      return value;
    }
  }

  /**
   * The pairwise BPR loss: the mean over pairs of -log sigmoid(s(u, i) - s(u, j)) = softplus(s(u,
   * j) - s(u, i)), each positive i paired with its k sampled negatives j and, when {@code
   * sameItemMask} is given, with the highest-scoring in-batch item other than i (a hard negative).
   * Scalars are arrays of {@code m}, as {@link TowerGraph#constant} explains.
   *
   * @param users b x o user embeddings
   * @param positives b x o embeddings of each user's positive
   * @param negatives (b k) x o embeddings; rows c k .. c k + k - 1 are user c's negatives
   * @param invTemp a scalar: scores are multiplied by it
   * @param sameItemMask b x b, -1e9 where two batch rows hold the same item (the diagonal
   *     included), or null for no hard negative
   */
  static NDArray bprLoss(
      NDManager m,
      NDArray users,
      NDArray positives,
      NDArray negatives,
      NDArray invTemp,
      float[] sameItemMask) {
    long b = users.getShape().get(0);
    long k = negatives.getShape().get(0) / b;
    SoftmaxLosses.PairScores scores =
        SoftmaxLosses.PairScores.of(users, positives, negatives, invTemp);
    NDArray positive = scores.positive();
    NDArray negative = scores.negative();
    NDArray loss = Activation.softPlus(negative.sub(positive)).sum();
    long pairs = b * k;
    if (sameItemMask != null) {
      NDArray hardest =
          users
              .matMul(positives.transpose())
              .mul(invTemp)
              .add(m.create(sameItemMask, new Shape(b, b)))
              .max(new int[] {1}, true);
      loss = loss.add(Activation.softPlus(hardest.sub(positive)).sum());
      pairs += b;
    }
    return loss.div(TowerGraph.constant(m, pairs));
  }

  /**
   * A b x b additive mask: -1e9 where two rows of the batch hold the same item, so a repeat of a
   * row's own item is not scored as its negative; the diagonal itself only when {@code diagonal}.
   */
  static float[] sameItemMask(int[] ib, boolean diagonal) {
    int b = ib.length;
    float[] mask = new float[b * b];
    for (int r = 0; r < b; r++) {
      for (int c = 0; c < b; c++) {
        if (ib[r] == ib[c] && (diagonal || r != c)) {
          mask[r * b + c] = -1e9f;
        }
      }
    }
    return mask;
  }

  private float[][] masks(TowerConfig tower, int rows) {
    double p = tower.dropout();
    if (p == 0) {
      return null;
    }
    List<Integer> hidden = tower.hidden();
    float[][] out = new float[hidden.size()][];
    for (int l = 0; l < out.length; l++) {
      out[l] = dropoutMask(dropoutRng, rows * hidden.get(l), p);
    }
    return out;
  }

  /** Inverted dropout: each unit kept with probability 1-p and scaled by 1/(1-p). */
  static float[] dropoutMask(RandomGenerator rng, int size, double p) {
    float[] mask = new float[size];
    float keep = (float) (1 / (1 - p));
    for (int k = 0; k < size; k++) {
      mask[k] = rng.nextDouble() < p ? 0f : keep;
    }
    return mask;
  }

  private static void shuffle(int[] a, RandomGenerator rng) {
    for (int k = a.length - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int t = a[k];
      a[k] = a[j];
      a[j] = t;
    }
  }

  /** Adam moments of one tower, and the scatter of a batch's gradients into them. */
  private static final class TowerState {
    private final TowerWeights w;
    private final AdamOptimizer.Moments[] tables;
    private final AdamOptimizer.Moments query;
    private final AdamOptimizer.Moments[] weights;
    private final AdamOptimizer.Moments[] biases;
    private final int[][] slotOf;

    TowerState(TowerWeights w) {
      this.w = w;
      tables = new AdamOptimizer.Moments[w.tables.length];
      slotOf = new int[w.tables.length][];
      for (int g = 0; g < w.tables.length; g++) {
        if (w.tables[g] != null) {
          tables[g] = new AdamOptimizer.Moments(w.tables[g].length);
          slotOf[g] = new int[w.tables[g].length / w.config.inputs().get(g).dim()];
          Arrays.fill(slotOf[g], -1);
        }
      }
      query = w.query == null ? null : new AdamOptimizer.Moments(w.query.length);
      weights = new AdamOptimizer.Moments[w.weights.length];
      biases = new AdamOptimizer.Moments[w.biases.length];
      for (int l = 0; l < weights.length; l++) {
        weights[l] = new AdamOptimizer.Moments(w.weights[l].length);
        biases[l] = new AdamOptimizer.Moments(w.biases[l].length);
      }
    }

    void apply(AdamOptimizer adam, TowerGraph.Pass pass, TowerInputs in, int[] rows) {
      for (int g = 0; g < w.tables.length; g++) {
        if (pass.gathered()[g] != null) {
          sparse(adam, g, pass.gathered()[g].getGradient().toFloatArray(), in, rows);
        }
      }
      if (pass.query() != null) {
        adam.dense(w.query, pass.query().getGradient().toFloatArray(), query);
      }
      for (int l = 0; l < weights.length; l++) {
        adam.denseDecayed(w.weights[l], pass.weights()[l].getGradient().toFloatArray(), weights[l]);
        adam.dense(w.biases[l], pass.biases()[l].getGradient().toFloatArray(), biases[l]);
      }
    }

    /** Sums the gradient of every occurrence of a row, then steps each touched row once. */
    private void sparse(AdamOptimizer adam, int g, float[] grad, TowerInputs in, int[] rows) {
      int d = w.config.inputs().get(g).dim();
      int len = w.config.inputs().get(g).slots();
      int[] idx = in.indices(g);
      int[] slot = slotOf[g];
      int[] touched = new int[rows.length * len];
      float[] sum = new float[rows.length * len * d];
      int count = 0;
      for (int r = 0; r < rows.length; r++) {
        for (int s = 0; s < len; s++) {
          int row = idx[rows[r] * len + s];
          if (row < 0) {
            continue;
          }
          if (slot[row] < 0) {
            slot[row] = count;
            touched[count++] = row;
          }
          int from = (r * len + s) * d;
          int to = slot[row] * d;
          for (int k = 0; k < d; k++) {
            sum[to + k] += grad[from + k];
          }
        }
      }
      for (int t = 0; t < count; t++) {
        int row = touched[t];
        adam.row(w.tables[g], sum, tables[g], row * d, t * d, d);
        slot[row] = -1;
      }
    }
  }
}
