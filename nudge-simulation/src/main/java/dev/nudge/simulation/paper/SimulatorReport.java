package dev.nudge.simulation.paper;

import java.util.Locale;

/**
 * How good the trained simulator is, to be printed beside every experiment that uses it.
 *
 * @param data the data set's name
 * @param impressions logged impressions built (each 1 positive + negatives)
 * @param trainSamples samples the classifier was trained on
 * @param testAuc AUC on the held-out (latest) impressions
 * @param validationAuc AUC on the validation impressions
 * @param threshold THRES, picked for the best validation F1
 * @param validationF1 that F1
 * @param baseRate share of random (user, item) pairs the simulator says the user likes
 * @param flipProbability probability that a reward is flipped
 */
public record SimulatorReport(
    String data,
    int impressions,
    int trainSamples,
    double testAuc,
    double validationAuc,
    double threshold,
    double validationF1,
    double baseRate,
    double flipProbability) {

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "simulator on %s: %d impressions, test AUC %.3f (validation %.3f), THRES %.3f (F1 %.3f),"
            + " base rate %.3f, flip %.2f",
        data,
        impressions,
        testAuc,
        validationAuc,
        threshold,
        validationF1,
        baseRate,
        flipProbability);
  }
}
