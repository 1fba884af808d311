package dev.nudge.bandit.neural;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The state layout shared by the neural policies: a header (magic, version, policy tag, dimensions)
 * that {@code readState} checks before it replaces anything, then raw arrays. Arrays go through a
 * byte buffer in chunks because the exact bilinear inverse holds millions of doubles.
 */
final class StateFormat {
  private static final int MAGIC = 0x4E554447; // "NUDG"
  private static final int VERSION = 1;
  private static final int CHUNK = 8192;

  private StateFormat() {}

  static void writeHeader(DataOutputStream out, String tag, int... dims) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(tag);
    out.writeInt(dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
  }

  static void readHeader(DataInputStream in, String tag, int... dims) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a neural policy state: magic " + Integer.toHexString(magic));
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          "state version " + version + " is not supported (expected " + VERSION + ")");
    }
    String saved = in.readUTF();
    if (!saved.equals(tag)) {
      throw new IOException("state was written by '" + saved + "', not by '" + tag + "'");
    }
    int n = in.readInt();
    if (n != dims.length) {
      throw new IOException("state has " + n + " dimensions, expected " + dims.length);
    }
    for (int i = 0; i < n; i++) {
      int d = in.readInt();
      if (d != dims[i]) {
        throw new IOException("state dimension " + i + " is " + d + ", policy has " + dims[i]);
      }
    }
  }

  static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Double.BYTES);
    for (int from = 0; from < values.length; from += CHUNK) {
      int len = Math.min(CHUNK, values.length - from);
      buf.clear();
      buf.asDoubleBuffer().put(values, from, len);
      out.write(buf.array(), 0, len * Double.BYTES);
    }
  }

  /**
   * Reads an array written by {@link #writeDoubles} into {@code into}, which must match its length.
   */
  static void readDoubles(DataInputStream in, double[] into) throws IOException {
    int n = in.readInt();
    if (n != into.length) {
      throw new IOException("state array has " + n + " values, expected " + into.length);
    }
    byte[] bytes = new byte[CHUNK * Double.BYTES];
    for (int from = 0; from < n; from += CHUNK) {
      int len = Math.min(CHUNK, n - from);
      in.readFully(bytes, 0, len * Double.BYTES);
      ByteBuffer.wrap(bytes, 0, len * Double.BYTES).asDoubleBuffer().get(into, from, len);
    }
  }
}
