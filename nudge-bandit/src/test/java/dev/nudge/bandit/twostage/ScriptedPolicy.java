package dev.nudge.bandit.twostage;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deterministic test policy: scores each arm by a fixed table keyed by arm key (unknown keys
 * score minus the key), ranks by score, and records what it was asked to score and what it learned.
 */
final class ScriptedPolicy implements Policy {
  private final Map<Integer, Double> scores;
  final List<Integer> scoredCounts = new ArrayList<>();
  final List<Feedback> learned = new ArrayList<>();

  ScriptedPolicy(Map<Integer, Double> scores) {
    this.scores = scores;
  }

  double score(Arm arm) {
    return scores.getOrDefault(arm.key(), (double) -arm.key());
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Slate decide(DecisionContext context) {
    List<Arm> arms = context.candidates();
    scoredCounts.add(arms.size());
    boolean[] taken = new boolean[arms.size()];
    List<Slate.Entry> entries = new ArrayList<>();
    for (int k = 0; k < context.slateSize(); k++) {
      int best = -1;
      for (int i = 0; i < arms.size(); i++) {
        if (!taken[i] && (best < 0 || score(arms.get(i)) > score(arms.get(best)))) {
          best = i;
        }
      }
      taken[best] = true;
      entries.add(new Slate.Entry(arms.get(best), best, score(arms.get(best)), 1.0, false));
    }
    return new Slate(entries, name(), false);
  }

  @Override
  public void learn(Feedback feedback) {
    learned.add(feedback);
  }

  @Override
  public Policy copy() {
    return new ScriptedPolicy(scores);
  }

  @Override
  public void writeState(DataOutputStream out) {}

  @Override
  public void readState(DataInputStream in) {}
}
