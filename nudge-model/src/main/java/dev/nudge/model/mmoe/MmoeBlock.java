package dev.nudge.model.mmoe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The MMoE network: input (B, D) to one logit per task (B, T). Experts are one ReLU layer each,
 * gates are linear maps to E logits followed by a softmax, towers are ReLU layer + linear unit.
 */
final class MmoeBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int tasks;
  private final int expertUnits;
  private final List<Block> experts = new ArrayList<>();
  private final List<Block> gates = new ArrayList<>();
  private final List<Block> towers = new ArrayList<>();

  MmoeBlock(int tasks, MmoeConfig config) {
    super(VERSION);
    this.tasks = tasks;
    this.expertUnits = config.expertUnits();
    for (int e = 0; e < config.experts(); e++) {
      experts.add(
          addChildBlock(
              "expert" + e,
              new SequentialBlock()
                  .add(Linear.builder().setUnits(config.expertUnits()).build())
                  .add(Activation::relu)));
    }
    for (int t = 0; t < tasks; t++) {
      gates.add(addChildBlock("gate" + t, Linear.builder().setUnits(config.experts()).build()));
      towers.add(
          addChildBlock(
              "tower" + t,
              new SequentialBlock()
                  .add(Linear.builder().setUnits(config.towerUnits()).build())
                  .add(Activation::relu)
                  .add(Linear.builder().setUnits(1).build())));
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray stacked = expertOutputs(store, x, training);
    NDList logits = new NDList(tasks);
    for (int t = 0; t < tasks; t++) {
      NDArray gate = gate(store, x, t, training);
      // Mix the experts with this task's gate: (B, E, H) * (B, E, 1), summed over E.
      NDArray mixed = stacked.mul(gate.expandDims(2)).sum(new int[] {1});
      logits.add(towers.get(t).forward(store, new NDList(mixed), training).singletonOrThrow());
    }
    // NDArrays.concat of a single array returns a duplicate, which the PyTorch engine detaches
    // from the autograd graph: one task would then train nothing ("does not require grad").
    return new NDList(tasks == 1 ? logits.singletonOrThrow() : NDArrays.concat(logits, 1));
  }

  /** The experts' outputs stacked to (B, E, H). */
  NDArray expertOutputs(ParameterStore store, NDArray x, boolean training) {
    NDList outs = new NDList(experts.size());
    for (Block expert : experts) {
      outs.add(expert.forward(store, new NDList(x), training).singletonOrThrow());
    }
    return NDArrays.stack(outs, 1);
  }

  /** Task t's softmax gate over the experts, (B, E); each row sums to 1. */
  NDArray gate(ParameterStore store, NDArray x, int task, boolean training) {
    return gates.get(task).forward(store, new NDList(x), training).singletonOrThrow().softmax(1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), tasks)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    for (Block expert : experts) {
      expert.initialize(manager, dataType, in);
    }
    for (Block gate : gates) {
      gate.initialize(manager, dataType, in);
    }
    Shape mixed = new Shape(in.get(0), expertUnits);
    for (Block tower : towers) {
      tower.initialize(manager, dataType, mixed);
    }
  }
}
