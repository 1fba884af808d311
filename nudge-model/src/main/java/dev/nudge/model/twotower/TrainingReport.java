package dev.nudge.model.twotower;

import java.util.List;

/**
 * How a training run went.
 *
 * @param epochs epochs run
 * @param bestEpoch the 1-based epoch whose weights were kept (the last one without validation)
 * @param losses mean training loss per epoch
 * @param validation validation score per epoch (empty without a validation score)
 * @param examples positive pairs trained on, over all epochs
 * @param trainSeconds wall time in training steps, excluding validation
 */
public record TrainingReport(
    int epochs,
    int bestEpoch,
    List<Double> losses,
    List<Double> validation,
    long examples,
    double trainSeconds) {

  public TrainingReport {
    losses = List.copyOf(losses);
    validation = List.copyOf(validation);
    if (bestEpoch < 1 || bestEpoch > epochs) {
      throw new IllegalArgumentException(
          "bestEpoch must be in [1, " + epochs + "], got " + bestEpoch);
    }
  }

  /** Training throughput: positive pairs per second of training steps. */
  public double examplesPerSecond() {
    return trainSeconds > 0 ? examples / trainSeconds : 0;
  }
}
