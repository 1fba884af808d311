package dev.nudge.simulation.world;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Slate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns world rounds into the {@link DecisionContext}s policies decide on, and scores their {@link
 * Slate}s against the hidden truth.
 *
 * <p>Candidates are all nudges, as {@link Arm}s: key = nudge index, topic = product family,
 * features = {@link NudgeProfile#features()}. Context features are {@link UserProfile#features()}
 * followed by {@link Moment#features()}; the user key is the user's index. A slate's expected
 * reward is the sum of its nudges' click probabilities (each slot is clicked independently; the
 * world has no position effect), and its regret is what the best slate of the same size would have
 * earned minus that.
 *
 * <p>With {@link WorldEmbeddings}, arms also carry the nudge embedding and contexts the user's, for
 * the neural policies.
 *
 * <p>Immutable and thread-safe; builds the arm list once.
 */
public final class WorldDecisions {
  /** Length of {@link #contextFeatures}. */
  public static final int CONTEXT_DIMENSION =
      UserProfile.FEATURE_NAMES.size() + Moment.FEATURE_NAMES.size();

  /**
   * Length of an arm's features followed by the context features, the x of contextual policies that
   * read both ({@code FeatureMap.ARM_CONTEXT}).
   */
  public static final int ARM_CONTEXT_DIMENSION =
      NudgeProfile.FEATURE_NAMES.size() + CONTEXT_DIMENSION;

  private final BankingWorld world;
  private final WorldEmbeddings embeddings;
  private final List<Arm> arms;

  /** Decisions without embeddings: arms and users carry features only. */
  public WorldDecisions(BankingWorld world) {
    this(world, null);
  }

  /**
   * Decisions whose arms carry {@link WorldEmbeddings#nudge} as their embedding and whose contexts
   * carry {@link WorldEmbeddings#user(WorldRound)} as the user embedding, for the neural policies;
   * {@code embeddings} null gives none.
   */
  public WorldDecisions(BankingWorld world, WorldEmbeddings embeddings) {
    this.world = Objects.requireNonNull(world, "world");
    if (embeddings != null && embeddings.world() != world) {
      throw new IllegalArgumentException(
          "embeddings must be those of this world, got " + embeddings.world());
    }
    this.embeddings = embeddings;
    List<Arm> list = new ArrayList<>(world.nudgeCount());
    for (int k = 0; k < world.nudgeCount(); k++) {
      NudgeProfile n = world.nudge(k);
      float[] x = embeddings == null ? null : embeddings.nudge(k);
      list.add(new Arm(n.id(), k, x, n.features(), n.topic()));
    }
    this.arms = List.copyOf(list);
  }

  public BankingWorld world() {
    return world;
  }

  /** The embeddings the decisions carry, if any. */
  public Optional<WorldEmbeddings> embeddings() {
    return Optional.ofNullable(embeddings);
  }

  /** Every nudge as an arm, in index order. */
  public List<Arm> arms() {
    return arms;
  }

  /** User features then moment features ({@link #CONTEXT_DIMENSION} numbers). */
  public static double[] contextFeatures(WorldRound round) {
    double[] u = round.user().features();
    double[] c = round.moment().features();
    double[] out = Arrays.copyOf(u, u.length + c.length);
    System.arraycopy(c, 0, out, u.length, c.length);
    return out;
  }

  /**
   * The decision for a round, with event id "round-t", no scoring budget, and the user's embedding
   * when the decisions carry embeddings.
   */
  public DecisionContext context(WorldRound round, int slateSize, RandomGenerator random) {
    return new DecisionContext(
        "round-" + round.round(),
        round.user().index(),
        embeddings == null ? null : embeddings.user(round),
        contextFeatures(round),
        arms,
        slateSize,
        DecisionContext.UNLIMITED,
        random);
  }

  /** Expected clicks of a slate given every nudge's click probability (indexed by arm key). */
  public static double expectedReward(double[] probabilities, Slate slate) {
    double sum = 0;
    for (Slate.Entry e : slate.entries()) {
      sum += probabilities[e.arm().key()];
    }
    return sum;
  }

  /** Expected clicks of the best slate of {@code slateSize}: the sum of the top probabilities. */
  public static double oracleReward(double[] probabilities, int slateSize) {
    if (slateSize < 1 || slateSize > probabilities.length) {
      throw new IllegalArgumentException(
          "slateSize must be in 1.." + probabilities.length + ", got " + slateSize);
    }
    if (slateSize == 1) {
      return probabilities[BankingWorld.argmax(probabilities)];
    }
    double[] sorted = probabilities.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (int i = 0; i < slateSize; i++) {
      sum += sorted[sorted.length - 1 - i];
    }
    return sum;
  }

  /** Expected clicks of a slate in a round, from the hidden truth. */
  public double expectedReward(WorldRound round, Slate slate) {
    return expectedReward(world.clickProbabilities(round), slate);
  }

  /** Expected regret of a slate in a round: oracle reward minus the slate's, >= 0. */
  public double regret(WorldRound round, Slate slate) {
    double[] p = world.clickProbabilities(round);
    return oracleReward(p, slate.size()) - expectedReward(p, slate);
  }
}
