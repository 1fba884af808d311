/**
 * The two-tower retrieval model: a user tower and an item tower, each built from a config of input
 * groups (id, categorical, numeric, hashed text bag, attention-pooled history) and an MLP, mapping
 * into one embedding space scored by dot product or cosine.
 *
 * <p>Training ({@link dev.nudge.model.twotower.TwoTowerTrainer}) uses DJL with the PyTorch engine
 * for gradients only; parameters and Adam state live in Java arrays, and embedding tables get
 * row-sparse updates. Losses: in-batch softmax with log-Q correction, BCE, pairwise BPR and sampled
 * softmax over sampled negatives, and the exact softmax over a small catalogue ({@code
 * SoftmaxLosses}). The trained {@link dev.nudge.model.twotower.TwoTowerModel} is plain Java:
 * embeddings, scores and Monte-Carlo dropout samples need no engine, so serving does not load DJL.
 * {@link dev.nudge.model.twotower.TwoTowerFiles} saves and loads a checksummed model directory.
 */
package dev.nudge.model.twotower;
