package dev.nudge.serve.retrain;

import dev.nudge.core.InputException;
import dev.nudge.core.Progress;
import dev.nudge.data.Catalogue;
import dev.nudge.data.Dataset;
import dev.nudge.data.FeatureTable;
import dev.nudge.data.FeatureType;
import dev.nudge.data.IdIndex;
import dev.nudge.data.InteractionLog;
import dev.nudge.data.UserTable;
import dev.nudge.model.twotower.InputGroup;
import dev.nudge.model.twotower.TowerConfig;
import dev.nudge.model.twotower.TrainingConfig;
import dev.nudge.model.twotower.TrainingReport;
import dev.nudge.model.twotower.TwoTowerConfig;
import dev.nudge.model.twotower.TwoTowerFiles;
import dev.nudge.model.twotower.TwoTowerModel;
import dev.nudge.model.twotower.TwoTowerTrainer;
import dev.nudge.serve.log.EventLog;
import dev.nudge.serve.log.LogWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds the two-tower model from an event log: every logged decision is an interaction of its
 * user with the nudge rewards were credited to, labelled 1 when its rewards sum to more than 0 (the
 * positives the trainer learns from) and 0 otherwise. Users are those of the log; items are every
 * nudge the catalogue knows (so nudges never rewarded still get a vector). The towers are id
 * embeddings: the log knows ids, not the app's user features.
 */
public final class LogRetrainer {

  /**
   * How to train.
   *
   * @param dimension the embedding width (the neural policies' d1 and d2), 1..4096
   * @param epochs passes over the positives, {@code >= 1}
   * @param batchSize positives per mini-batch, or 0 to choose from the log's size (a quarter of the
   *     positives, within 2..512)
   * @param seed the training seed
   */
  public record Options(int dimension, int epochs, int batchSize, long seed) {
    public Options {
      if (dimension < 1 || dimension > 4096) {
        throw InputException.forField("dimension", "must be in 1..4096, got " + dimension);
      }
      if (epochs < 1) {
        throw InputException.forField("epochs", "must be >= 1, got " + epochs);
      }
      if (batchSize != 0 && (batchSize < 2 || batchSize > 65536)) {
        throw InputException.forField(
            "batchSize", "must be 0 (automatic) or in 2..65536, got " + batchSize);
      }
    }
  }

  /**
   * What retraining produced.
   *
   * @param directory the new model directory
   * @param model the trained model
   * @param report how training went (epochs, losses)
   * @param decisions logged decisions read
   * @param positives rewarded decisions (the training pairs)
   */
  public record Outcome(
      Path directory, TwoTowerModel model, TrainingReport report, int decisions, int positives) {}

  private LogRetrainer() {}

  /** The log as a data set: users and catalogue by id, one labelled interaction per decision. */
  public static Dataset dataset(EventLog log) {
    IdIndex items = new IdIndex();
    for (String id : log.documents(LogWrite.DocumentKind.NUDGE).keySet()) {
      items.add(id);
    }
    IdIndex users = new IdIndex();
    InteractionLog.Builder interactions =
        new InteractionLog.Builder(InteractionLog.ValueKind.LABEL);
    log.rewardedDecisions(
        d -> {
          int user = users.add(d.userId());
          int item = items.add(d.armId()); // a nudge deleted from the table since: still known
          long seconds = d.decidedAt().getEpochSecond();
          interactions.add(user, item, seconds, d.rewards() > 0 && d.total() > 0 ? 1f : 0f);
        });
    FeatureTable.Builder itemTable =
        new FeatureTable.Builder()
            .declare(Catalogue.TOPICS, FeatureType.MULTI_CATEGORICAL)
            .declare(Catalogue.TEXT, FeatureType.TEXT);
    for (int i = 0; i < items.size(); i++) {
      itemTable.nextRow();
    }
    return new Dataset(
        "event-log",
        Catalogue.of(items, itemTable.build()),
        UserTable.anonymous(users),
        interactions.build());
  }

  /**
   * Trains on the log and writes the model into {@code out}, which must not exist or be empty.
   *
   * @throws InputException when {@code out} holds files, or the log has too few positives
   */
  public static Outcome retrain(EventLog log, Path out, Options options, Progress progress) {
    requireEmpty(out);
    Dataset data = dataset(log);
    InteractionLog train = data.interactions();
    int positives = 0;
    for (int r = 0; r < train.size(); r++) {
      positives += train.isPositive(r, 1f) ? 1 : 0;
    }
    if (positives < 2) {
      throw InputException.forField(
          "db",
          "the log has "
              + positives
              + " rewarded decisions; retraining needs at least 2 (rewards above 0)");
    }
    int batch =
        options.batchSize() > 0
            ? options.batchSize()
            : Math.clamp(positives / 4, 2, Math.min(512, positives));
    TrainingConfig training =
        new TrainingConfig(
            TrainingConfig.Loss.SOFTMAX,
            null,
            null,
            null,
            batch,
            options.epochs(),
            null,
            null,
            1.0,
            options.seed(),
            1);
    TowerConfig idOnly =
        new TowerConfig(List.of(InputGroup.id(options.dimension())), List.of(), null, null);
    TwoTowerConfig config =
        new TwoTowerConfig(idOnly, idOnly, options.dimension(), false, 1.0, training);
    TwoTowerTrainer.Result result = TwoTowerTrainer.train(data, train, config, null, progress);
    TwoTowerModel model = result.model(); // provenance: data set "event-log", seed, epochs
    TwoTowerFiles.save(model, out);
    return new Outcome(out, model, result.report(), train.size(), positives);
  }

  private static void requireEmpty(Path out) {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw InputException.forField("model", "exists and is not a directory: " + out);
    }
    try (Stream<Path> entries = Files.list(out)) {
      if (entries.findAny().isPresent()) {
        throw InputException.forField(
            "model",
            "directory is not empty: " + out + " (retrain writes a new model; choose a new name)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + out, e);
    }
  }
}
