package dev.nudge.bandit;

import dev.nudge.core.Seeds;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gives a deterministic policy (UCB, greedy) exact, non-degenerate probabilities so that its logs
 * support off-policy evaluation. The base policy ranks the candidates; then each slot, with
 * probability ε, takes a uniformly random arm among all remaining candidates, otherwise the base's
 * best arm not yet placed. With r arms remaining, the probability of the arm in a slot is exactly
 * ε/r, plus (1 − ε) when it is the base's choice — provided the base is deterministic given the
 * context. The base decides from its own generator, derived from the decision's, so its budget
 * draws do not shift the mixing draws. Learning and state go to the base unchanged.
 */
public final class EpsilonMix implements Policy {
  public static final double DEFAULT_EPSILON = 0.05;

  private final Policy base;
  private final double epsilon;

  /**
   * @param base the policy whose choices are mixed with uniform ones
   * @param epsilon the share of uniform slots, in [0, 1]
   */
  public EpsilonMix(Policy base, double epsilon) {
    this.base = Objects.requireNonNull(base, "base");
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
    this.epsilon = epsilon;
  }

  /** The wrapped policy. */
  public Policy base() {
    return base;
  }

  @Override
  public String name() {
    return "epsilon-mix(epsilon=" + epsilon + ", policy=" + base.name() + ")";
  }

  @Override
  public Slate decide(DecisionContext context) {
    DecisionContext forBase =
        new DecisionContext(
            context.eventId(),
            context.userKey(),
            context.userEmbedding(),
            context.features(),
            context.candidates(),
            context.slateSize(),
            context.budget(),
            Seeds.random(context.random().nextLong()));
    Slate ranked = base.decide(forBase);
    List<Arm> arms = context.candidates();
    int n = arms.size();
    boolean[] taken = new boolean[n];
    int next = 0;
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      // The base's slate has m entries and at most k of them are placed, so one is always left.
      while (taken[ranked.get(next).candidateIndex()]) {
        next++;
      }
      Slate.Entry greedy = ranked.get(next);
      int remaining = n - k;
      int chosen = greedy.candidateIndex();
      double score = greedy.score();
      if (context.random().nextDouble() < epsilon) {
        int pick = context.random().nextInt(remaining);
        for (int i = 0; i < n; i++) {
          if (!taken[i] && pick-- == 0) {
            chosen = i;
            break;
          }
        }
        score = chosen == greedy.candidateIndex() ? score : scoreOf(ranked, chosen);
      }
      boolean isGreedy = chosen == greedy.candidateIndex();
      double p = epsilon / remaining + (isGreedy ? 1 - epsilon : 0);
      taken[chosen] = true;
      entries.add(
          new Slate.Entry(
              arms.get(chosen), chosen, score, Math.min(1, p), !isGreedy || greedy.explored()));
    }
    return new Slate(entries, name(), ranked.probabilitiesEstimated());
  }

  private static double scoreOf(Slate ranked, int candidateIndex) {
    for (Slate.Entry e : ranked.entries()) {
      if (e.candidateIndex() == candidateIndex) {
        return e.score();
      }
    }
    return Double.NaN;
  }

  @Override
  public void learn(Feedback feedback) {
    base.learn(feedback);
  }

  @Override
  public Policy copy() {
    return new EpsilonMix(base.copy(), epsilon);
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    base.writeState(out);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    base.readState(in);
  }
}
