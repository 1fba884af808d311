package dev.nudge.simulation.world;

import dev.nudge.core.Seeds;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The synthetic digital-banking campaign world, Nudge's embedded default: customers, a catalogue of
 * nudges, a stream of decision moments, and a hidden {@link ResponseModel} that gives the exact
 * click probability of any (user, nudge, moment), hence the best nudge and the regret of any
 * choice.
 *
 * <p>Everything is a pure function of the config's seed and an index: user i, nudge k and round t
 * are each drawn from their own {@link Seeds} stream, so a world of a million users and ten
 * thousand nudges holds no per-user state and no users × nudges table. Nudges are cached once drawn
 * (O(K) memory); users never are.
 *
 * <p>Thread-safe: any number of threads may query one world.
 */
public final class BankingWorld {
  private final WorldConfig config;
  private final ResponseModel truth;
  private final long userSeed;
  private final long nudgeSeed;
  private final long roundSeed;
  private final AtomicReferenceArray<NudgeProfile> nudges;

  public BankingWorld(WorldConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.truth = new ResponseModel(config);
    this.userSeed = Seeds.derive(config.seed(), "world.users");
    this.nudgeSeed = Seeds.derive(config.seed(), "world.nudges");
    this.roundSeed = Seeds.derive(config.seed(), "world.rounds");
    this.nudges = new AtomicReferenceArray<>(config.nudges());
  }

  public WorldConfig config() {
    return config;
  }

  /** The hidden response model (for tests, oracles and reports; policies must not read it). */
  public ResponseModel truth() {
    return truth;
  }

  public int userCount() {
    return config.users();
  }

  public int nudgeCount() {
    return config.nudges();
  }

  /** User {@code index}, drawn afresh from its own stream (never stored). */
  public UserProfile user(int index) {
    if (index < 0 || index >= config.users()) {
      throw new IndexOutOfBoundsException(
          "user index must be in 0.." + (config.users() - 1) + ", got " + index);
    }
    return BankingGenerators.user(index, Seeds.random(userSeed, index));
  }

  /** Nudge {@code index}; drawn once, then cached. */
  public NudgeProfile nudge(int index) {
    NudgeProfile n = nudges.get(index);
    if (n == null) {
      n = BankingGenerators.nudge(index, Seeds.random(nudgeSeed, index));
      // Two threads may draw the same nudge; both draws are equal, so either may win.
      nudges.compareAndSet(index, null, n);
    }
    return n;
  }

  /** Round {@code t}: a user drawn uniformly from the population, at a drawn moment. */
  public WorldRound round(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("round must be >= 0, got " + t);
    }
    var r = Seeds.random(roundSeed, t);
    UserProfile user = user(r.nextInt(config.users()));
    return new WorldRound(user, BankingGenerators.moment(t, user, config.roundsPerDay(), r));
  }

  /** The exact click probability of showing nudge {@code k} in a round. */
  public double clickProbability(WorldRound round, int k) {
    return truth.probability(round.user(), nudge(k), round.moment());
  }

  /** The exact click probabilities of every nudge in a round, indexed by nudge. */
  public double[] clickProbabilities(WorldRound round) {
    ResponseModel.Scorer scorer = truth.scorer(round.user(), round.moment());
    double[] p = new double[config.nudges()];
    for (int k = 0; k < p.length; k++) {
      p[k] = scorer.probability(nudge(k));
    }
    return p;
  }

  /** The nudge with the highest click probability in a round (the lowest index on ties). */
  public int bestNudge(WorldRound round) {
    return argmax(clickProbabilities(round));
  }

  /** The expected clicks lost by showing nudge {@code k} instead of the best one: p* − p_k. */
  public double regret(WorldRound round, int k) {
    double[] p = clickProbabilities(round);
    return p[argmax(p)] - p[k];
  }

  static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "BankingWorld" + config;
  }
}
