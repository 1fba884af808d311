package dev.nudge.serve.learn;

import dev.nudge.bandit.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

/**
 * The bytes of a stored policy state.
 *
 * <pre>
 * offset  size  field
 * 0       8     magic "NUDGSNAP" (ASCII)
 * 8       4     format version ({@link #VERSION_CURRENT})
 * 12      2+n   policy name with parameters (DataOutput.writeUTF)
 * ..      8     learnSeq: the last learning step included
 * ..      4     length L of the state
 * ..      L     the state, as written by Policy.writeState
 * ..      8     CRC32 of every byte before this field
 * </pre>
 */
public final class SnapshotFormat {
  /** "NUDGSNAP" as a big-endian long. */
  static final long MAGIC = 0x4E55_4447_534E_4150L;

  /** The first and current version. */
  public static final int VERSION_START = 1;

  public static final int VERSION_CURRENT = VERSION_START;

  private SnapshotFormat() {}

  /** The policy's state with header and checksum. */
  public static byte[] encode(Policy policy, long learnSeq) {
    try {
      ByteArrayOutputStream state = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(state)) {
        policy.writeState(out);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream(state.size() + 64);
      DataOutputStream out = new DataOutputStream(all);
      out.writeLong(MAGIC);
      out.writeInt(VERSION_CURRENT);
      out.writeUTF(policy.name());
      out.writeLong(learnSeq);
      out.writeInt(state.size());
      state.writeTo(out);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(all.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return all.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A decoded snapshot: whose state it is and up to which learning step. */
  public record Header(String policy, long learnSeq, byte[] state) {}

  /**
   * Checks and splits snapshot bytes.
   *
   * @throws IOException naming the reason when the magic, version, length or checksum is wrong
   */
  public static Header decode(byte[] bytes) throws IOException {
    if (bytes.length < 8 + 4 + 2 + 8 + 4 + 8) {
      throw new IOException("snapshot too short: " + bytes.length + " bytes");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    long magic = in.readLong();
    if (magic != MAGIC) {
      throw new IOException("not a Nudge snapshot: magic " + Long.toHexString(magic));
    }
    int version = in.readInt();
    if (version < VERSION_START || version > VERSION_CURRENT) {
      throw new IOException("snapshot format version " + version + " is not supported");
    }
    String policy = in.readUTF();
    long learnSeq = in.readLong();
    int length = in.readInt();
    int headerLength = 8 + 4 + 2 + utfLength(policy) + 8 + 4;
    if (length < 0 || headerLength + length + 8 != bytes.length) {
      throw new IOException(
          "snapshot length field " + length + " does not match its size " + bytes.length);
    }
    byte[] state = in.readNBytes(length);
    long stored = in.readLong();
    if (stored != crc.getValue()) {
      throw new IOException(
          "snapshot checksum mismatch: stored "
              + Long.toHexString(stored)
              + ", computed "
              + Long.toHexString(crc.getValue()));
    }
    return new Header(policy, learnSeq, state);
  }

  /** Restores a policy from a decoded snapshot. */
  public static void restore(Policy policy, Header header) throws IOException {
    if (!policy.name().equals(header.policy())) {
      throw new IOException(
          "snapshot is of policy " + header.policy() + ", not of " + policy.name());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(header.state()))) {
      policy.readState(in);
    }
  }

  /** The raw state bytes of a policy (no header), for comparing states. */
  public static byte[] state(Policy policy) {
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(state)) {
      policy.writeState(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return state.toByteArray();
  }

  private static int utfLength(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeUTF(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.size() - 2;
  }
}
