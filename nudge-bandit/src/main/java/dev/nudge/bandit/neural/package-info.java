/**
 * Neural contextual bandits over two-tower embeddings (Arm.embedding is the item vector x_i,
 * DecisionContext.userEmbedding the user vector z_u): N-Greedy, N-Dropout-UCB and the paper's
 * shared policies S-N-GALM-UCB (additive, Eq. 3) and S-N-GBLM-UCB (bilinear, Eq. 4).
 *
 * <p>Why "shared": the GLM heads and design matrices are common to all users and items, so every
 * observation teaches every arm, which per-user or per-arm models cannot afford at millions of
 * items. The bilinear policy's d1·d2 design matrix is the expensive part; {@link
 * dev.nudge.bandit.neural.BilinearInverse} explains the per-decision M(z) reduction that keeps a
 * decision at one pass over W⁻¹ plus O(d1²) per candidate, and offers an exact and a
 * Kronecker-approximated inverse. Hot loops live in {@link dev.nudge.bandit.neural.ScoringKernels}.
 *
 * <p>This package sees no model code: N-Dropout-UCB reads Monte-Carlo dropout scores through the
 * small {@link dev.nudge.bandit.neural.DropoutSampler} interface that the model module implements.
 */
package dev.nudge.bandit.neural;
