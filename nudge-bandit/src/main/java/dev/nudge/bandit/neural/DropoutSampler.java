package dev.nudge.bandit.neural;

import dev.nudge.bandit.DecisionContext;
import java.util.random.RandomGenerator;

/**
 * Monte-Carlo dropout scores for N-Dropout-UCB: the two-tower score of each candidate under several
 * forward passes with dropout left on. The model module implements it over the real towers; {@link
 * EmbeddingDropoutSampler} is a model-free stand-in that drops embedding coordinates.
 */
@FunctionalInterface
public interface DropoutSampler {

  /**
   * Fills {@code scores[s][k]} with the score of {@code context.candidates().get(candidates[k])}
   * under dropout pass s, for s &lt; {@code scores.length}. All randomness must come from {@code
   * random}, so that a decision can be replayed.
   *
   * @param dropoutRate the probability of dropping a unit, in [0, 1)
   */
  void sample(
      DecisionContext context,
      int[] candidates,
      double dropoutRate,
      RandomGenerator random,
      double[][] scores);
}
