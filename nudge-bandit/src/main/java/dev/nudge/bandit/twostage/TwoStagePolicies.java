package dev.nudge.bandit.twostage;

import dev.nudge.bandit.Policies;

/**
 * Registers {@code two-stage(topic=<spec>, item=<spec>, p=200, samples=32)} with a {@link Policies}
 * registry: topics from the data ({@link TopicAssignment#fromArms()}), topic embeddings the mean of
 * their items'. The nested specs are built by the same registry, so register the policies they name
 * first (e.g. {@code NeuralPolicies.register}).
 */
public final class TwoStagePolicies {
  private TwoStagePolicies() {}

  public static Policies register(Policies registry) {
    return registry.with(
        "two-stage",
        p ->
            new TwoStagePolicy(
                p.policy("topic"),
                p.policy("item"),
                TopicAssignment.fromArms(),
                TopicEmbeddings.mean(),
                p.requiredInteger("p"),
                p.integer("samples", TwoStagePolicy.DEFAULT_PROBABILITY_SAMPLES)));
  }
}
