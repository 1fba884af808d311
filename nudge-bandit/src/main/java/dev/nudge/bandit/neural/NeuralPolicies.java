package dev.nudge.bandit.neural;

import dev.nudge.bandit.Policies;
import dev.nudge.bandit.PolicyParams;

/**
 * Registers this package's policies with a {@link Policies} registry, under the names their {@code
 * name()} uses, so that every policy's name is a spec that rebuilds it:
 *
 * <ul>
 *   <li>{@code n-greedy}
 *   <li>{@code n-dropout-ucb(passes=5, dropout=0.2, beta=0.1, samples=32)}
 *   <li>{@code s-n-galm-ucb(beta=0.1, gamma=0.5, d1=64, d2=64, lr=1.0, gradient=0, bias=1)}
 *   <li>{@code s-n-galm-ucb-item(beta=0.1, d1=64, lr=1.0, gradient=0, bias=1)} (the released code's
 *       form)
 *   <li>{@code s-n-gblm-ucb(beta=0.1, d1=64, d2=64, lr=1.0, gradient=0)} (exact W⁻¹)
 *   <li>{@code s-n-gblm-ucb-kronecker(...)}, same parameters
 * </ul>
 *
 * {@code gradient=1} selects {@link GlmStep#GRADIENT} (the paper's steps; lr then defaults to 0.01
 * additive, 0.001 bilinear), {@code gradient=0} the default {@link GlmStep#PRECONDITIONED}. d2
 * defaults to d1. {@code bias=1} (the default) gives the additive heads an intercept, {@code
 * bias=0} uses the embeddings as given.
 */
public final class NeuralPolicies {
  private NeuralPolicies() {}

  /**
   * {@code registry} plus the neural policies; N-Dropout-UCB draws its scores from {@code sampler}.
   */
  public static Policies register(Policies registry, DropoutSampler sampler) {
    return registry
        .with("n-greedy", p -> new NeuralGreedyPolicy())
        .with(
            "n-dropout-ucb",
            p ->
                new NeuralDropoutUcbPolicy(
                    sampler,
                    p.integer("passes", NeuralDropoutUcbPolicy.DEFAULT_PASSES),
                    p.real("dropout", NeuralDropoutUcbPolicy.DEFAULT_DROPOUT),
                    p.real("beta", NeuralDropoutUcbPolicy.DEFAULT_BETA),
                    p.integer("samples", NeuralDropoutUcbPolicy.DEFAULT_PROBABILITY_SAMPLES)))
        .with(
            "s-n-galm-ucb",
            p -> {
              int d1 = p.requiredInteger("d1");
              GlmStep step = step(p);
              return new AdditiveUcbPolicy(
                  d1,
                  p.integer("d2", d1),
                  p.real("beta", AdditiveUcbPolicy.DEFAULT_BETA),
                  p.real("gamma", AdditiveUcbPolicy.DEFAULT_GAMMA),
                  AdditiveUcbPolicy.Form.PAPER,
                  step,
                  p.real("lr", step.defaultLearningRate(false)),
                  intercept(p));
            })
        .with(
            "s-n-galm-ucb-item",
            p -> {
              GlmStep step = step(p);
              return new AdditiveUcbPolicy(
                  p.requiredInteger("d1"),
                  1,
                  p.real("beta", AdditiveUcbPolicy.DEFAULT_BETA),
                  1.0,
                  AdditiveUcbPolicy.Form.ITEM_ONLY,
                  step,
                  p.real("lr", step.defaultLearningRate(false)),
                  intercept(p));
            })
        .with("s-n-gblm-ucb", p -> bilinear(p, BilinearUcbPolicy.Bonus.EXACT))
        .with("s-n-gblm-ucb-kronecker", p -> bilinear(p, BilinearUcbPolicy.Bonus.KRONECKER));
  }

  /**
   * {@code registry} plus the neural policies, N-Dropout-UCB over {@link EmbeddingDropoutSampler}.
   */
  public static Policies register(Policies registry) {
    return register(registry, new EmbeddingDropoutSampler());
  }

  private static BilinearUcbPolicy bilinear(PolicyParams p, BilinearUcbPolicy.Bonus bonus) {
    int d1 = p.requiredInteger("d1");
    GlmStep step = step(p);
    return new BilinearUcbPolicy(
        d1,
        p.integer("d2", d1),
        p.real("beta", BilinearUcbPolicy.DEFAULT_BETA),
        bonus,
        step,
        p.real("lr", step.defaultLearningRate(true)));
  }

  private static boolean intercept(PolicyParams p) {
    return switch (p.integer("bias", 1)) {
      case 0 -> false;
      case 1 -> true;
      default -> throw p.error("bias", "must be 1 (intercept) or 0 (embeddings as given)");
    };
  }

  private static GlmStep step(PolicyParams p) {
    return switch (p.integer("gradient", 0)) {
      case 0 -> GlmStep.PRECONDITIONED;
      case 1 -> GlmStep.GRADIENT;
      default -> throw p.error("gradient", "must be 0 (preconditioned step) or 1 (plain gradient)");
    };
  }
}
