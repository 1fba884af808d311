package dev.nudge.candidates;

import dev.nudge.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A {@link FrozenGraph}'s arrays on disk, so that a graph that took many minutes to build (a
 * million vectors: tens of minutes on two cores) is built once and searched again later.
 *
 * <p>The vectors are not stored: the reader passes the same vectors again, and a fingerprint of
 * them (size, dimension and every float's bits) must match the one written, so a file is never
 * silently paired with other vectors. Layout, little-endian: magic {@code NFG1}, version, size,
 * dim, entry node, entry level, levels, fingerprint (long), then length-prefixed int arrays:
 * original, level-0 starts and edges, and per upper level its nodes, starts and edges. Every array
 * is checked on reading (ids in range, starts non-decreasing, a permutation for the order), so a
 * damaged file fails with an {@link InputException} naming it rather than a search failing later.
 */
final class FrozenGraphFile {
  private static final int MAGIC = 0x3147464e; // "NFG1" read as little-endian bytes
  private static final int VERSION = 1;
  private static final int BUFFER = 1 << 20;

  private FrozenGraphFile() {}

  /** Writes {@code graph} to {@code file} through a temporary file, then renames it into place. */
  static void write(FrozenGraph graph, Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        Sink out = new Sink(ch);
        out.putInt(MAGIC);
        out.putInt(VERSION);
        out.putInt(graph.size());
        out.putInt(graph.dimension());
        out.putInt(graph.entryNode());
        out.putInt(graph.entryLevel());
        out.putInt(graph.levels());
        out.putLong(fingerprint(graph));
        out.putInts(graph.original());
        out.putInts(graph.baseStart());
        out.putInts(graph.base());
        for (int level = 1; level <= graph.levels(); level++) {
          out.putInts(graph.upperNodes(level));
          out.putInts(graph.upperStart(level));
          out.putInts(graph.upperEdges(level));
        }
        out.flush();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the graph to " + file + " failed", e);
    }
  }

  /** Reads a graph written by {@link #write} over the same {@code vectors}. */
  static FrozenGraph read(Path file, float[][] vectors) {
    int dim = Vectors.checkRectangular(vectors);
    int n = vectors.length;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Source in = new Source(ch, file);
      if (in.getInt("magic") != MAGIC) {
        throw InputException.inFile(file, "not a frozen graph file (magic is not NFG1)");
      }
      int version = in.getInt("version");
      if (version != VERSION) {
        throw InputException.inFile(
            file, "version must be " + VERSION + ", got " + version + " (rebuild the graph)");
      }
      int size = in.getInt("size");
      int fileDim = in.getInt("dim");
      if (size != n || fileDim != dim) {
        throw InputException.inFile(
            file,
            "graph is over "
                + size
                + " x "
                + fileDim
                + " vectors but "
                + n
                + " x "
                + dim
                + " were given");
      }
      int entryNode = in.getInt("entry node");
      int entryLevel = in.getInt("entry level");
      int levels = in.getInt("levels");
      if (levels < 0 || levels > 64 || entryLevel < 0 || entryLevel > levels) {
        throw InputException.inFile(
            file,
            "levels must be in 0..64 with entry level <= levels, got " + levels + "/" + entryLevel);
      }
      checkId(file, "entry node", entryNode, n);
      long stored = in.getLong("fingerprint");
      if (stored != fingerprint(n, dim, (i, d) -> vectors[i][d])) {
        throw InputException.inFile(
            file, "written for other vectors (fingerprint differs): rebuild the graph");
      }
      int[] original = in.getInts("original", n);
      checkPermutation(file, original);
      int[] baseStart = in.getInts("level-0 starts", n + 1);
      int[] base = in.getInts("level-0 edges", -1);
      checkCsr(file, "level 0", baseStart, base, n);
      int[][] upperNodes = new int[levels + 1][];
      int[][] upperStart = new int[levels + 1][];
      int[][] upperEdges = new int[levels + 1][];
      for (int level = 1; level <= levels; level++) {
        int[] nodes = in.getInts("level " + level + " nodes", -1);
        for (int k = 0; k < nodes.length; k++) {
          checkId(file, "level " + level + " node", nodes[k], n);
          if (k > 0 && nodes[k] <= nodes[k - 1]) {
            throw InputException.inFile(file, "level " + level + " nodes must ascend");
          }
        }
        int[] start = in.getInts("level " + level + " starts", nodes.length + 1);
        int[] edges = in.getInts("level " + level + " edges", -1);
        checkCsr(file, "level " + level, start, edges, n);
        upperNodes[level] = nodes;
        upperStart[level] = start;
        upperEdges[level] = edges;
      }
      in.expectEnd();
      return new FrozenGraph(
          vectors,
          original,
          entryNode,
          entryLevel,
          baseStart,
          base,
          upperNodes,
          upperStart,
          upperEdges);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the graph from " + file + " failed", e);
    }
  }

  /** One float of the caller's vector {@code row}, whatever the storage. */
  private interface Floats {
    float get(int row, int d);
  }

  /** The fingerprint of the caller's vectors held, renumbered, in {@code graph}. */
  private static long fingerprint(FrozenGraph graph) {
    int[] original = graph.original();
    int[] renamed = new int[original.length];
    for (int r = 0; r < original.length; r++) {
      renamed[original[r]] = r;
    }
    float[] flat = graph.flat();
    int dim = graph.dimension();
    return fingerprint(graph.size(), dim, (i, d) -> flat[renamed[i] * dim + d]);
  }

  /** FNV-1a over the shape and every float's bits in caller order: equal vectors, equal value. */
  private static long fingerprint(int n, int dim, Floats floats) {
    long h = 0xcbf29ce484222325L;
    h = (h ^ n) * 0x100000001b3L;
    h = (h ^ dim) * 0x100000001b3L;
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        h = (h ^ Float.floatToRawIntBits(floats.get(i, d))) * 0x100000001b3L;
      }
    }
    return h;
  }

  private static void checkId(Path file, String what, int id, int n) {
    if (id < 0 || id >= n) {
      throw InputException.inFile(file, what + " must be in 0.." + (n - 1) + ", got " + id);
    }
  }

  private static void checkPermutation(Path file, int[] order) {
    boolean[] seen = new boolean[order.length];
    for (int id : order) {
      checkId(file, "original row", id, order.length);
      if (seen[id]) {
        throw InputException.inFile(file, "original order repeats row " + id);
      }
      seen[id] = true;
    }
  }

  private static void checkCsr(Path file, String what, int[] start, int[] edges, int n) {
    if (start[0] != 0 || start[start.length - 1] != edges.length) {
      throw InputException.inFile(
          file, what + " starts must run from 0 to " + edges.length + " (the edge count)");
    }
    for (int i = 1; i < start.length; i++) {
      if (start[i] < start[i - 1]) {
        throw InputException.inFile(file, what + " starts must not decrease (at " + i + ")");
      }
    }
    for (int e : edges) {
      checkId(file, what + " edge", e, n);
    }
  }

  /** Buffered little-endian writes to a channel. */
  private static final class Sink {
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);

    Sink(FileChannel ch) {
      this.ch = ch;
    }

    void putInt(int x) throws IOException {
      room(Integer.BYTES);
      buf.putInt(x);
    }

    void putLong(long x) throws IOException {
      room(Long.BYTES);
      buf.putLong(x);
    }

    void putInts(int[] a) throws IOException {
      putInt(a.length);
      for (int off = 0; off < a.length; ) {
        room(Integer.BYTES);
        int len = Math.min(a.length - off, buf.remaining() / Integer.BYTES);
        buf.asIntBuffer().put(a, off, len);
        buf.position(buf.position() + len * Integer.BYTES);
        off += len;
      }
    }

    private void room(int bytes) throws IOException {
      if (buf.remaining() < bytes) {
        flush();
      }
    }

    void flush() throws IOException {
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }
  }

  /** Buffered little-endian reads from a channel; running out of bytes is an input error. */
  private static final class Source {
    private final FileChannel ch;
    private final Path file;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);

    Source(FileChannel ch, Path file) {
      this.ch = ch;
      this.file = file;
      buf.limit(0);
    }

    int getInt(String what) throws IOException {
      need(Integer.BYTES, what);
      return buf.getInt();
    }

    long getLong(String what) throws IOException {
      need(Long.BYTES, what);
      return buf.getLong();
    }

    /** A length-prefixed array; {@code expected} >= 0 is the length it must have. */
    int[] getInts(String what, int expected) throws IOException {
      int len = getInt(what + " length");
      if (len < 0 || (expected >= 0 && len != expected)) {
        throw InputException.inFile(
            file,
            what
                + " length must be "
                + (expected >= 0 ? String.valueOf(expected) : ">= 0")
                + ", got "
                + len);
      }
      if (len > (ch.size() - ch.position() + buf.remaining()) / Integer.BYTES) {
        throw InputException.inFile(file, "truncated while reading " + what);
      }
      int[] out = new int[len];
      for (int off = 0; off < len; ) {
        need(Integer.BYTES, what);
        int take = Math.min(len - off, buf.remaining() / Integer.BYTES);
        buf.asIntBuffer().get(out, off, take);
        buf.position(buf.position() + take * Integer.BYTES);
        off += take;
      }
      return out;
    }

    void expectEnd() throws IOException {
      if (buf.hasRemaining() || ch.position() < ch.size()) {
        throw InputException.inFile(file, "unexpected bytes after the last level");
      }
    }

    private void need(int bytes, String what) throws IOException {
      if (buf.remaining() >= bytes) {
        return;
      }
      buf.compact();
      while (buf.position() < bytes) {
        if (ch.read(buf) < 0) {
          throw InputException.inFile(file, "truncated while reading " + what);
        }
      }
      buf.flip();
    }
  }
}
