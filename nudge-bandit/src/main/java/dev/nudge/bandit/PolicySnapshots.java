package dev.nudge.bandit;

import dev.nudge.core.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Saves a policy's full learning state to a file and restores it so that learning resumes exactly:
 * a restored policy makes, for the same contexts, the same decisions bit for bit as one that never
 * stopped. The file is written to a temporary sibling and moved into place, so a crash never leaves
 * a half-written snapshot under the real name.
 *
 * <p>Layout (big-endian):
 *
 * <pre>
 * magic        8 bytes  "NUDGEPOL"
 * version      int32    {@value #FORMAT_VERSION}
 * name length  int32    n, then n bytes: the policy's name() in UTF-8 (a spec with parameters)
 * payload      int64    p, then p bytes: what Policy.writeState wrote
 * checksum     int32    CRC32C over the name bytes followed by the payload bytes
 * </pre>
 *
 * <p>Reading checks, in order, the magic, the version, the checksum (so a corrupted file is
 * reported as such before anything else is trusted), then that the name equals the target policy's
 * name (same family and parameters), and finally that the state consumed the whole payload. Each
 * failure is an {@link InputException} naming the file and the reason.
 */
public final class PolicySnapshots {
  /** The current format version; readers reject any other. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] MAGIC = "NUDGEPOL".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_NAME_BYTES = 1 << 16;

  private PolicySnapshots() {}

  /** Writes {@code policy}'s state to {@code file}, replacing it atomically. */
  public static void write(Policy policy, Path file) {
    try {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(payload)) {
        policy.writeState(out);
      }
      byte[] state = payload.toByteArray();
      byte[] name = policy.name().getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream whole = new ByteArrayOutputStream(state.length + name.length + 32);
      try (DataOutputStream out = new DataOutputStream(whole)) {
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(name.length);
        out.write(name);
        out.writeLong(state.length);
        out.write(state);
        out.writeInt(checksum(name, state));
      }
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, whole.toByteArray());
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write policy snapshot " + file, e);
    }
  }

  /**
   * Replaces {@code into}'s state with the one saved in {@code file}.
   *
   * @throws InputException if the file is missing, corrupted, of another format version, or saved
   *     from a policy whose name (family or parameters) differs from {@code into.name()}
   */
  public static void read(Path file, Policy into) {
    Snapshot snapshot = load(file);
    if (!snapshot.name().equals(into.name())) {
      throw InputException.inFile(
          file,
          "snapshot is of policy '"
              + snapshot.name()
              + "', cannot restore into '"
              + into.name()
              + "'");
    }
    apply(file, snapshot, into);
  }

  /** Builds the policy named in the snapshot with {@code registry} and restores its state. */
  public static Policy restore(Path file, Policies registry) {
    Snapshot snapshot = load(file);
    Policy policy = registry.create(snapshot.name());
    if (!policy.name().equals(snapshot.name())) {
      throw InputException.inFile(
          file,
          "snapshot names '"
              + snapshot.name()
              + "' but the registry builds '"
              + policy.name()
              + "'");
    }
    apply(file, snapshot, policy);
    return policy;
  }

  /** The name of the policy a snapshot belongs to, after checking the file's integrity. */
  public static String policyName(Path file) {
    return load(file).name();
  }

  private record Snapshot(String name, byte[] payload) {}

  private static Snapshot load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw InputException.inFile(file, "policy snapshot not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy snapshot " + file, e);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < MAGIC.length + 4
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw InputException.inFile(file, "not a Nudge policy snapshot (bad magic)");
    }
    in.position(MAGIC.length);
    int version = in.getInt();
    if (version != FORMAT_VERSION) {
      throw InputException.inFile(
          file,
          "snapshot format version "
              + version
              + " is not supported (expected "
              + FORMAT_VERSION
              + ")");
    }
    if (in.remaining() < 4) {
      throw truncated(file);
    }
    int nameLength = in.getInt();
    if (nameLength < 1 || nameLength > MAX_NAME_BYTES || in.remaining() < nameLength + 8) {
      throw InputException.inFile(file, "corrupted snapshot: name length " + nameLength);
    }
    byte[] name = new byte[nameLength];
    in.get(name);
    long payloadLength = in.getLong();
    if (payloadLength < 0 || payloadLength != in.remaining() - 4L) {
      throw InputException.inFile(
          file,
          "corrupted or truncated snapshot: payload length "
              + payloadLength
              + " but "
              + Math.max(0, in.remaining() - 4)
              + " bytes follow");
    }
    byte[] payload = new byte[(int) payloadLength];
    in.get(payload);
    int stored = in.getInt();
    if (stored != checksum(name, payload)) {
      throw InputException.inFile(file, "corrupted snapshot: CRC32C checksum mismatch");
    }
    return new Snapshot(new String(name, StandardCharsets.UTF_8), payload);
  }

  private static InputException truncated(Path file) {
    return InputException.inFile(file, "truncated snapshot");
  }

  private static void apply(Path file, Snapshot snapshot, Policy into) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(snapshot.payload());
    try (DataInputStream in = new DataInputStream(bytes)) {
      into.readState(in);
      if (bytes.available() > 0) {
        throw InputException.inFile(
            file,
            "policy state has "
                + bytes.available()
                + " unread bytes: written by another version of "
                + snapshot.name());
      }
    } catch (EOFException e) {
      throw InputException.inFile(
          file, "policy state ended early: written by another version of " + snapshot.name());
    } catch (IOException e) {
      throw InputException.inFile(file, "unreadable policy state: " + e.getMessage());
    }
  }

  private static int checksum(byte[] name, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(name);
    crc.update(payload);
    return (int) crc.getValue();
  }
}
