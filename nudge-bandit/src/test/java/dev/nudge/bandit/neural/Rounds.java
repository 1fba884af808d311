package dev.nudge.bandit.neural;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.Policy;
import dev.nudge.bandit.Slate;
import dev.nudge.core.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Seeded decide → learn loops over random embeddings, and the snapshot contract on top of them. */
public final class Rounds {
  private Rounds() {}

  /** Runs rounds [from, to) and returns each round's slate as "id:score" strings. */
  public static List<String> run(Policy policy, int d1, int d2, int from, int to, long seed) {
    List<String> trace = new ArrayList<>();
    for (int t = from; t < to; t++) {
      RandomGenerator random = Seeds.random(seed, t);
      List<Arm> arms = Fixtures.arms(random, 12, d1);
      float[] user = Fixtures.unit(random, d2);
      DecisionContext context = Fixtures.context("round-" + t, user, arms, 3);
      Slate slate = policy.decide(context);
      StringBuilder line = new StringBuilder();
      for (Slate.Entry e : slate.entries()) {
        line.append(e.arm().id()).append(':').append(e.score()).append(' ');
        double reward = random.nextDouble() < 0.3 ? 1 : 0;
        policy.learn(new Feedback(context, e.arm(), 0, reward));
      }
      trace.add(line.toString());
    }
    return trace;
  }

  /** Trains, snapshots, restores into a fresh policy, continues both: the traces must match. */
  public static void assertRestoreContinuesIdentically(Supplier<Policy> factory, int d1, int d2)
      throws IOException {
    Policy original = factory.get();
    run(original, d1, d2, 0, 40, 7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.writeState(new DataOutputStream(bytes));
    Policy restored = factory.get();
    restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    Policy copy = original.copy();
    List<String> expected = run(original, d1, d2, 40, 80, 7);
    assertThat(run(restored, d1, d2, 40, 80, 7)).containsExactlyElementsOf(expected);
    assertThat(run(copy, d1, d2, 40, 80, 7)).containsExactlyElementsOf(expected);
    // And the uninterrupted run from scratch agrees with both.
    Policy fresh = factory.get();
    run(fresh, d1, d2, 0, 40, 7);
    assertThat(run(fresh, d1, d2, 40, 80, 7)).containsExactlyElementsOf(expected);
  }
}
