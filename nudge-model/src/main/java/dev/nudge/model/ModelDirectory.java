package dev.nudge.model;

import dev.nudge.core.InputException;
import dev.nudge.core.config.Configs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A saved model as a directory: its files and a {@code manifest.yaml} naming the format, its
 * version, a SHA-256 checksum per file and the provenance. Reading checks all of them, so a model
 * of another kind, a newer format or an edited or truncated file fails with a message saying which
 * and why, rather than as wrong numbers later.
 */
public final class ModelDirectory {

  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.yaml";

  /**
   * What {@code manifest.yaml} holds.
   *
   * @param format the model kind ("nudge.two-tower")
   * @param formatVersion the version of that kind's file layout
   * @param checksums file name to lower-case hex SHA-256
   * @param provenance where the model came from
   */
  public record Manifest(
      String format, int formatVersion, Map<String, String> checksums, ModelProvenance provenance) {

    public Manifest {
      if (format == null || format.isBlank()) {
        throw new IllegalArgumentException("format must be named");
      }
      if (formatVersion < 1) {
        throw new IllegalArgumentException("formatVersion must be >= 1, got " + formatVersion);
      }
      checksums = new TreeMap<>(checksums == null ? Map.of() : checksums);
      if (provenance == null) {
        throw new IllegalArgumentException("provenance must be set");
      }
    }
  }

  /** A directory's verified files and manifest. */
  public record Contents(Manifest manifest, Map<String, byte[]> files) {

    /** A file's bytes; every file listed in the manifest is present. */
    public byte[] file(String name) {
      byte[] b = files.get(name);
      if (b == null) {
        throw new IllegalArgumentException(
            "no file '" + name + "' in the model; have " + files.keySet());
      }
      return b;
    }
  }

  private ModelDirectory() {}

  /** Writes the files and a manifest with their checksums into {@code dir} (created if needed). */
  public static void write(
      Path dir, String format, int version, ModelProvenance provenance, Map<String, byte[]> files) {
    try {
      Files.createDirectories(dir);
      Map<String, String> sums = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(dir.resolve(f.getKey()), f.getValue());
        sums.put(f.getKey(), sha256(f.getValue()));
      }
      Manifest manifest = new Manifest(format, version, sums, provenance);
      Files.writeString(dir.resolve(MANIFEST), Configs.toYaml(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model to " + dir, e);
    }
  }

  /**
   * Reads and verifies a model directory.
   *
   * @param format the expected model kind
   * @param version the format version this code reads
   */
  public static Contents read(Path dir, String format, int version) {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw InputException.inFile(
          dir, "not a model directory: " + MANIFEST + " is missing (train one with 'nudge train')");
    }
    Manifest manifest = Configs.read(manifestFile, Manifest.class);
    if (!manifest.format().equals(format)) {
      throw InputException.inFile(
          manifestFile, "model format is '" + manifest.format() + "', expected '" + format + "'");
    }
    if (manifest.formatVersion() != version) {
      throw InputException.inFile(
          manifestFile,
          "model format version is "
              + manifest.formatVersion()
              + ", this build reads version "
              + version);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, String> sum : manifest.checksums().entrySet()) {
      Path file = dir.resolve(sum.getKey());
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw InputException.inFile(file, "model file is missing");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      String actual = sha256(bytes);
      if (!actual.equals(sum.getValue())) {
        throw InputException.inFile(
            file,
            "checksum mismatch (file corrupted or edited): manifest says "
                + sum.getValue()
                + ", file has "
                + actual);
      }
      files.put(sum.getKey(), bytes);
    }
    return new Contents(manifest, files);
  }

  /** Lower-case hex SHA-256 of some bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
