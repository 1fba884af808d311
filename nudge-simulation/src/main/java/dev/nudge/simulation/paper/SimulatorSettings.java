package dev.nudge.simulation.paper;

import dev.nudge.core.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code simulator} section of a config file: which data the paper's user-choice simulator is
 * trained on and how, and which encoder gives the policies their embeddings.
 *
 * @param data folder of the data set
 * @param format its loader's name, or "auto"
 * @param positiveThreshold ratings at or above this are positives
 * @param negatives sampled negatives per logged impression
 * @param trainShare oldest share of impressions the classifier trains on
 * @param validationShare next share, on which the threshold is picked
 * @param flipProbability probability that a simulated reward is flipped
 * @param encoder how policies see items and users: "genres" (multi-hot genres; the user is the mean
 *     of their history), or another name the command line registers ("bpr", "two-tower")
 * @param dimensions embedding size for learned encoders
 * @param encoderEpochs pre-training epochs of a learned encoder, per trial; 0 (the default) takes
 *     the encoder's own default: {@link #DEFAULT_TWO_TOWER_EPOCHS} for two-tower, {@link
 *     #DEFAULT_BPR_EPOCHS} for bpr
 * @param seed the simulator's seed
 * @param historyFromClicks grow each simulated user's history with their clicks during a run, so
 *     that z_u follows them (the paper's user representation is built from clicked items); off by
 *     default: z_u is computed once from the user's real history
 * @param encoderAlignment how an encoder re-fitted during a run ({@code
 *     simulate.encoderUpdatePeriod}) is matched to the one it replaces: "procrustes" (the default)
 *     rotates it onto the old embeddings so the policies' learnt heads keep their meaning; "none"
 *     swaps it in as fitted
 */
public record SimulatorSettings(
    String data,
    String format,
    Float positiveThreshold,
    Integer negatives,
    Double trainShare,
    Double validationShare,
    Double flipProbability,
    String encoder,
    Integer dimensions,
    Long seed,
    Integer encoderEpochs,
    Boolean historyFromClicks,
    String encoderAlignment) {

  public static final Map<String, String> HELP = help();

  /** Pre-training epochs per trial of the two-tower encoder when not configured. */
  public static final int DEFAULT_TWO_TOWER_EPOCHS = 3;

  /** Pre-training epochs per trial of the BPR encoder when not configured. */
  public static final int DEFAULT_BPR_EPOCHS = 20;

  public SimulatorSettings {
    UserChoiceSimulator.Config d = UserChoiceSimulator.Config.DEFAULT;
    data = data == null ? "../shared/data/ml-100k" : data;
    format = format == null ? "auto" : format;
    positiveThreshold = positiveThreshold == null ? d.positiveThreshold() : positiveThreshold;
    negatives = negatives == null ? d.negatives() : negatives;
    trainShare = trainShare == null ? d.trainShare() : trainShare;
    validationShare = validationShare == null ? d.validationShare() : validationShare;
    flipProbability = flipProbability == null ? d.flipProbability() : flipProbability;
    encoder = encoder == null ? "genres" : encoder;
    dimensions = dimensions == null ? 32 : dimensions;
    seed = seed == null ? Seeds.DEFAULT_SEED : seed;
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
    }
    encoderEpochs = encoderEpochs == null ? Integer.valueOf(0) : encoderEpochs;
    if (encoderEpochs < 0) {
      throw new IllegalArgumentException("encoderEpochs must be >= 0, got " + encoderEpochs);
    }
    historyFromClicks = historyFromClicks != null && historyFromClicks;
    encoderAlignment = encoderAlignment == null ? "procrustes" : encoderAlignment;
    if (!encoderAlignment.equalsIgnoreCase("none")
        && !encoderAlignment.equalsIgnoreCase("procrustes")) {
      throw new IllegalArgumentException(
          "encoderAlignment must be none or procrustes, got '" + encoderAlignment + "'");
    }
    simulatorConfig(
        positiveThreshold, negatives, trainShare, validationShare, flipProbability, seed);
  }

  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The configured pre-training epochs, or {@code encoderDefault} when 0. */
  public int encoderEpochs(int encoderDefault) {
    return encoderEpochs == 0 ? encoderDefault : encoderEpochs;
  }

  /** {@link #encoderAlignment()} as an enum. */
  public EncoderRefresh.Alignment alignment() {
    return EncoderRefresh.Alignment.named(encoderAlignment);
  }

  /** The simulator's own configuration. */
  public UserChoiceSimulator.Config simulatorConfig() {
    return simulatorConfig(
        positiveThreshold, negatives, trainShare, validationShare, flipProbability, seed);
  }

  private static UserChoiceSimulator.Config simulatorConfig(
      float threshold, int negatives, double train, double validation, double flip, long seed) {
    return new UserChoiceSimulator.Config(threshold, negatives, train, validation, flip, seed);
  }

  private static Map<String, String> help() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("data", "folder of the data set the simulator is trained on");
    h.put("format", "loader name (ml-100k, ml-1m, ml-csv, mind, generic) or auto");
    h.put("positiveThreshold", "ratings at or above this are positives (MovieLens: 4)");
    h.put("negatives", "sampled negatives per logged impression (paper: 20)");
    h.put("trainShare", "oldest share of impressions the classifier trains on");
    h.put("validationShare", "next share, where THRES is picked for the best F1");
    h.put("flipProbability", "probability that a simulated reward is flipped (paper: 0.1)");
    h.put("encoder", "item/user embeddings the policies see: genres, bpr or two-tower");
    h.put("dimensions", "embedding size of learned encoders");
    h.put("historyFromClicks", "grow each user's history (and z_u) with their clicks in a run");
    h.put("encoderEpochs", "pre-training epochs per trial; 0 = encoder's (two-tower 3, bpr 20)");
    h.put("seed", "the simulator's seed");
    h.put(
        "encoderAlignment",
        "re-fits during a run: procrustes (rotate onto the old embeddings) or none");
    return Map.copyOf(h);
  }
}
