package dev.nudge.bandit.mab;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Uniformly random slates: slot k holds each remaining arm with probability 1/(n-k). */
public final class RandomPolicy implements Policy {

  @Override
  public String name() {
    return "random";
  }

  @Override
  public Slate decide(DecisionContext context) {
    List<Arm> arms = context.candidates();
    int n = arms.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<Slate.Entry> entries = new ArrayList<>(context.slateSize());
    for (int k = 0; k < context.slateSize(); k++) {
      // A partial Fisher–Yates shuffle: slot k draws uniformly from the n-k arms left.
      int j = k + context.random().nextInt(n - k);
      int chosen = order[j];
      order[j] = order[k];
      order[k] = chosen;
      entries.add(new Slate.Entry(arms.get(chosen), chosen, Double.NaN, 1.0 / (n - k), true));
    }
    return new Slate(entries, name(), false);
  }

  @Override
  public void learn(Feedback feedback) {}

  @Override
  public Policy copy() {
    return this;
  }

  @Override
  public void writeState(DataOutputStream out) {}

  @Override
  public void readState(DataInputStream in) {}
}
