package dev.nudge.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.InputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySnapshotsTest {
  private static final SyntheticLinearBandit WORLD = new SyntheticLinearBandit(5, 25, 6, 8, 3);
  private static final Policies REGISTRY = Policies.builtIn();

  @TempDir Path dir;

  /** Decides round t (slate of 2, budget 6 of 8 on odd rounds) and learns both slots. */
  private static Slate step(Policy policy, long t) {
    DecisionContext context = WORLD.context(t, 2, t % 2 == 1 ? 6 : DecisionContext.UNLIMITED);
    Slate slate = policy.decide(context);
    for (int k = 0; k < slate.size(); k++) {
      Arm arm = slate.get(k).arm();
      policy.learn(new Feedback(context, arm, k, WORLD.reward(t * 2 + k, arm)));
    }
    return slate;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "random",
        "epsilon-greedy(epsilon=0.1)",
        "epsilon-greedy(epsilon=0.2, decay=0.01, optimistic=0.5, discount=0.99)",
        "ucb1(c=1.0)",
        "ucb1(c=0.5, window=50)",
        "softmax(temperature=0.1)",
        "softmax(temperature=0.2, discount=0.95)",
        "beta-thompson(alpha=1.0, beta=99.0, samples=32)",
        "beta-thompson(alpha=1.0, beta=1.0, samples=16, window=40)",
        "linucb(alpha=1.0, lambda=1.0, d=6, features=arm)",
        "linucb(alpha=0.5, lambda=2.0, d=6, features=arm+context, window=60)",
        "hybrid-linucb(alpha=0.5, lambda=1.0, k=6, contextDim=0, features=embedding)",
        "lints(v=0.2, lambda=1.0, d=6, features=arm, samples=16)",
        "lints(v=0.2, lambda=1.0, d=6, features=embedding, samples=16, window=70)",
        "glm-ucb(beta=0.1, lambda=1.0, d=6, features=arm)",
        "glm-ucb(beta=0.2, lambda=1.0, d=6, features=arm, window=30)",
        "n-glm-ucb(beta=0.1, lambda=1.0, d=6)",
        "epsilon-mix(epsilon=0.1, policy=linucb(alpha=1.0, lambda=1.0, d=6, features=arm))"
      })
  void snapshotRestoreContinueMatchesAnUninterruptedRun(String spec) {
    Policy uninterrupted = REGISTRY.create(spec);
    for (long t = 0; t < 150; t++) {
      step(uninterrupted, t);
    }
    Path file = dir.resolve("policy.snap");
    PolicySnapshots.write(uninterrupted, file);
    assertThat(PolicySnapshots.policyName(file)).isEqualTo(spec);
    Policy restored = PolicySnapshots.restore(file, REGISTRY);
    Policy readInto = REGISTRY.create(spec);
    PolicySnapshots.read(file, readInto);
    Policy copied = uninterrupted.copy();
    List<Slate> expected = new ArrayList<>();
    List<Slate> fromRestore = new ArrayList<>();
    List<Slate> fromRead = new ArrayList<>();
    List<Slate> fromCopy = new ArrayList<>();
    for (long t = 150; t < 250; t++) {
      expected.add(step(uninterrupted, t));
      fromRestore.add(step(restored, t));
      fromRead.add(step(readInto, t));
      fromCopy.add(step(copied, t));
    }
    assertThat(fromRestore).isEqualTo(expected);
    assertThat(fromRead).isEqualTo(expected);
    assertThat(fromCopy).isEqualTo(expected);
    // A snapshot written after continuing is byte-identical too.
    Path a = dir.resolve("a.snap");
    Path b = dir.resolve("b.snap");
    PolicySnapshots.write(uninterrupted, a);
    PolicySnapshots.write(restored, b);
    assertThat(contents(b)).isEqualTo(contents(a));
  }

  private static byte[] contents(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path trainedSnapshot(String spec) {
    Policy policy = REGISTRY.create(spec);
    for (long t = 0; t < 40; t++) {
      step(policy, t);
    }
    Path file = dir.resolve("trained.snap");
    PolicySnapshots.write(policy, file);
    return file;
  }

  @Test
  void corruptedPayloadFailsTheChecksum() throws IOException {
    Path file = trainedSnapshot("ucb1(c=1.0)");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 0x01;
    Files.write(file, bytes);
    assertThatThrownBy(() -> PolicySnapshots.read(file, REGISTRY.create("ucb1(c=1.0)")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("CRC32C checksum mismatch");
  }

  @Test
  void anotherPolicyOrOtherParametersAreRejected() {
    Path file = trainedSnapshot("linucb(alpha=1.0, lambda=1.0, d=6, features=arm)");
    Policy other = REGISTRY.create("linucb(alpha=2.0, lambda=1.0, d=6, features=arm)");
    assertThatThrownBy(() -> PolicySnapshots.read(file, other))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("snapshot is of policy 'linucb(alpha=1.0")
        .hasMessageContaining("cannot restore into 'linucb(alpha=2.0");
    assertThatThrownBy(() -> PolicySnapshots.read(file, REGISTRY.create("ucb1")))
        .hasMessageContaining("cannot restore into 'ucb1(c=1.0)'");
  }

  @Test
  void badMagicVersionTruncationAndMissingFilesAreReported() throws IOException {
    Path file = trainedSnapshot("softmax(temperature=0.1)");
    byte[] good = Files.readAllBytes(file);
    Policy target = REGISTRY.create("softmax(temperature=0.1)");

    byte[] magic = good.clone();
    magic[0] = 'X';
    Files.write(file, magic);
    assertThatThrownBy(() -> PolicySnapshots.read(file, target)).hasMessageContaining("bad magic");

    byte[] version = good.clone();
    version[11] = 2;
    Files.write(file, version);
    assertThatThrownBy(() -> PolicySnapshots.read(file, target))
        .hasMessageContaining("format version 2 is not supported");

    Files.write(file, java.util.Arrays.copyOf(good, good.length - 9));
    assertThatThrownBy(() -> PolicySnapshots.read(file, target)).hasMessageContaining("truncated");

    Files.write(file, java.util.Arrays.copyOf(good, 10));
    assertThatThrownBy(() -> PolicySnapshots.read(file, target)).isInstanceOf(InputException.class);

    Path missing = dir.resolve("missing.snap");
    assertThatThrownBy(() -> PolicySnapshots.read(missing, target))
        .hasMessageContaining("not found");
  }

  /** A well-formed file (valid checksum) whose payload does not fit the policy's state. */
  private static byte[] handMade(String name, byte[] payload) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write("NUDGEPOL".getBytes(StandardCharsets.US_ASCII));
      out.writeInt(PolicySnapshots.FORMAT_VERSION);
      out.writeInt(nameBytes.length);
      out.write(nameBytes);
      out.writeLong(payload.length);
      out.write(payload);
      CRC32C crc = new CRC32C();
      crc.update(nameBytes);
      crc.update(payload);
      out.writeInt((int) crc.getValue());
    }
    return bytes.toByteArray();
  }

  @Test
  void payloadsThatDoNotFitTheStateAreRejected() throws IOException {
    Path file = dir.resolve("odd.snap");
    Files.write(file, handMade("ucb1(c=1.0)", new byte[] {0, 0, 0}));
    assertThatThrownBy(() -> PolicySnapshots.read(file, REGISTRY.create("ucb1(c=1.0)")))
        .hasMessageContaining("ended early");

    Path tooLong = dir.resolve("long.snap");
    Files.write(tooLong, handMade("random", new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> PolicySnapshots.restore(tooLong, REGISTRY))
        .hasMessageContaining("3 unread bytes");
  }

  @Test
  void restoreNeedsAKnownPolicy() throws IOException {
    Path file = dir.resolve("unknown.snap");
    Files.write(file, handMade("s-n-gblm-ucb(beta=0.1)", new byte[0]));
    assertThatThrownBy(() -> PolicySnapshots.restore(file, REGISTRY))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown policy 's-n-gblm-ucb'");
  }
}
