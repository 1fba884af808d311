package dev.nudge.bandit.neural;

import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import java.io.DataInputStream;
import java.io.DataOutputStream;

/**
 * N-Greedy: the top m candidates by two-tower score ⟨x_i, z_u⟩, no exploration. It has no state of
 * its own: the two-tower model it reads is refit elsewhere (the paper refits the encoders every 100
 * rounds), so {@link #learn} does nothing. Slates are deterministic.
 */
public final class NeuralGreedyPolicy implements Policy {

  @Override
  public String name() {
    return "n-greedy";
  }

  @Override
  public Slate decide(DecisionContext context) {
    float[] z = context.userEmbedding();
    int[] scored = NeuralSlates.scoredSubset(context);
    double[] scores = new double[scored.length];
    for (int k = 0; k < scored.length; k++) {
      float[] x = NeuralSlates.itemEmbedding(context.candidates().get(scored[k]), z.length, name());
      scores[k] = ScoringKernels.dot(x, z, z.length);
    }
    return NeuralSlates.top(context, scored, scores, name());
  }

  @Override
  public void learn(Feedback feedback) {}

  @Override
  public Policy copy() {
    return new NeuralGreedyPolicy();
  }

  @Override
  public void writeState(DataOutputStream out) {}

  @Override
  public void readState(DataInputStream in) {}
}
