/**
 * Multi-gate mixture of experts (MMoE, Ma et al., KDD 2018), the multi-task ranker of the funnel: a
 * few shared expert networks, one softmax gate per task that mixes the experts' outputs for that
 * task, and one small tower per task that turns the mixture into a logit. Tasks that disagree (a
 * click is not a high rating) each learn their own mixture instead of fighting over one shared
 * bottom. Trained with DJL on the PyTorch engine, binary cross-entropy per task.
 *
 * <p>Seed 001's sketch multiplies raw gate logits and builds experts in a list comprehension over
 * an int; here gates are softmax-normalised (each row sums to 1) and every expert, gate and tower
 * is a real child block with its own parameters.
 */
package dev.nudge.model.mmoe;
