package dev.nudge.serve.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.bandit.Feedback;
import dev.nudge.bandit.mab.EpsilonGreedyPolicy;
import dev.nudge.core.Seeds;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotFormatTest {

  static EpsilonGreedyPolicy trained() {
    EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(0.1);
    Arm a = Arm.of("a", 0);
    Arm b = Arm.of("b", 3);
    DecisionContext c =
        new DecisionContext("e", -1, null, null, List.of(a, b), 1, 10, Seeds.forEvent("e"));
    p.learn(new Feedback(c, a, 0, 1));
    p.learn(new Feedback(c, b, 0, 0.25));
    p.learn(new Feedback(c, b, 0, 0.75));
    return p;
  }

  @Test
  void roundTripRestoresTheExactState() throws IOException {
    EpsilonGreedyPolicy p = trained();
    byte[] bytes = SnapshotFormat.encode(p, 3);
    SnapshotFormat.Header h = SnapshotFormat.decode(bytes);
    assertThat(h.policy()).isEqualTo(p.name());
    assertThat(h.learnSeq()).isEqualTo(3);
    EpsilonGreedyPolicy restored = new EpsilonGreedyPolicy(0.1);
    SnapshotFormat.restore(restored, h);
    assertThat(SnapshotFormat.state(restored)).isEqualTo(SnapshotFormat.state(p));
  }

  @Test
  void everyFlippedByteIsDetected() {
    byte[] bytes = SnapshotFormat.encode(trained(), 3);
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> SnapshotFormat.decode(bad))
          .as("byte %d", i)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void truncatedAndForeignBytesAreRejected() {
    byte[] bytes = SnapshotFormat.encode(trained(), 3);
    assertThatThrownBy(() -> SnapshotFormat.decode(java.util.Arrays.copyOf(bytes, 20)))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> SnapshotFormat.decode(new byte[64])).hasMessageContaining("magic");
    assertThatThrownBy(
            () ->
                SnapshotFormat.restore(new EpsilonGreedyPolicy(0.2), SnapshotFormat.decode(bytes)))
        .hasMessageContaining("epsilon=0.2");
  }
}
