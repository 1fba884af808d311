package dev.nudge.bandit;

import dev.nudge.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns scores into slates, shared by the one-stage policies so that every policy ranks, breaks
 * ties and reports probabilities the same way. Scores are indexed by position in the scored subset
 * ({@link Budget#scoredIndices}); ties go to the earlier candidate.
 */
public final class Slates {
  /** Thompson probability estimates are floored at 1/(2S) so inverse propensities stay finite. */
  private static final double FLOOR_WINS = 0.5;

  private Slates() {}

  /**
   * A deterministic slate: the top m by {@code scores}. Each slot's probability is 1, because the
   * policy would choose the same arm again given the same context and scored subset. An entry is
   * marked explored when its {@code exploit} value (the estimate without the exploration bonus) is
   * not the best among the arms left, i.e. the bonus changed the choice; pass null to mark none.
   */
  public static Slate topScores(
      DecisionContext context, int[] scored, double[] scores, double[] exploit, String policy) {
    int s = scored.length;
    boolean[] taken = new boolean[s];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      int best = argmax(scores, taken);
      boolean explored = exploit != null && exploit[best] < max(exploit, taken);
      taken[best] = true;
      int index = scored[best];
      entries.add(
          new Slate.Entry(context.candidates().get(index), index, scores[best], 1.0, explored));
    }
    return new Slate(entries, policy, false);
  }

  /** Draws one score per scored candidate from the posterior; indexed like the scored subset. */
  @FunctionalInterface
  public interface ScoreSampler {
    void sample(RandomGenerator random, double[] out);
  }

  /**
   * A Thompson slate: one posterior draw from the decision's random source ranks the scored arms.
   * The probability of each slot is estimated from {@code samples} further draws, taken from a
   * generator seeded by the decision's source (so the estimate is reproducible too): the share of
   * draws in which the chosen arm beats every arm not yet placed, floored at 1/(2S).
   */
  public static Slate thompson(
      DecisionContext context, int[] scored, ScoreSampler sampler, int samples, String policy) {
    int s = scored.length;
    double[] draw = new double[s];
    sampler.sample(context.random(), draw);
    RandomGenerator resample = Seeds.random(context.random().nextLong());
    double[][] more = new double[samples][s];
    for (double[] row : more) {
      sampler.sample(resample, row);
    }
    boolean[] taken = new boolean[s];
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      int best = argmax(draw, taken);
      int wins = 0;
      for (double[] row : more) {
        if (argmax(row, taken) == best) {
          wins++;
        }
      }
      double p = Math.max(wins, FLOOR_WINS) / samples;
      taken[best] = true;
      int index = scored[best];
      entries.add(new Slate.Entry(context.candidates().get(index), index, draw[best], p, true));
    }
    return new Slate(entries, policy, true);
  }

  /** The index of the largest value not taken; ties go to the lower index. */
  public static int argmax(double[] values, boolean[] taken) {
    int best = -1;
    for (int i = 0; i < values.length; i++) {
      if (!taken[i] && (best < 0 || values[i] > values[best])) {
        best = i;
      }
    }
    return best;
  }

  private static double max(double[] values, boolean[] taken) {
    return values[argmax(values, taken)];
  }
}
