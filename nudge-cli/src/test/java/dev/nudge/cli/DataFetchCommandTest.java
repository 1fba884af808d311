package dev.nudge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nudge data fetch} against a local server standing in for GroupLens (--base-url). */
class DataFetchCommandTest {
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private HttpServer server;
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(body);
            }
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int run(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "data";
    System.arraycopy(args, 0, full, 1, args.length);
    return Main.run(full, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void fetchesFromTheMirrorThenFindsItPresent() throws IOException {
    byte[] zip =
        zip("ml-latest-small/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
    served.put("ml-latest-small.zip", zip);
    served.put(
        "ml-latest-small.zip.md5",
        ("MD5 (ml-latest-small.zip) = " + md5(zip)).getBytes(StandardCharsets.US_ASCII));
    String[] args = {
      "fetch", "ml-latest-small", "--dir", dir.toString(), "--base-url", base(), "--quiet"
    };

    assertThat(run(args)).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("ml-latest-small: fetched ")
        .contains("in 1 files into " + dir.resolve("ml-latest-small").toAbsolutePath());
    assertThat(Files.readString(dir.resolve("ml-latest-small/ratings.csv")))
        .contains("1,1,4.0,964982703");

    out.getBuffer().setLength(0);
    assertThat(run(args)).isZero();
    assertThat(out.toString())
        .contains("already present and complete")
        .contains("nothing downloaded");
  }

  @Test
  void aFailedFetchExitsWithOneAndSaysWhy() throws IOException {
    byte[] zip = zip("ml-100k/u.data", "1\t1\t5\t874965758\n");
    served.put("ml-100k.zip", zip);
    // ml-100k's MD5 is pinned to GroupLens's archive, which this fixture is not.
    assertThat(run("fetch", "ml-100k", "--dir", dir.toString(), "--base-url", base(), "--quiet"))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("error: ml-100k.zip from " + base() + "ml-100k.zip has MD5 " + md5(zip))
        .contains("but 0e33842e24a9c977be4e0107933c0723 was expected");
    assertThat(dir).isEmptyDirectory();

    err.getBuffer().setLength(0);
    assertThat(run("fetch", "ml-1m", "--dir", dir.toString(), "--base-url", base(), "--quiet"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("error: HTTP 404 from " + base() + "ml-1m.zip");
  }

  @Test
  void listsTheDataSetsAndRejectsUnknownOrMissingNames() {
    assertThat(run("fetch", "--list")).isZero();
    assertThat(out.toString())
        .contains("ml-100k", "ml-1m", "ml-latest-small", "ml-20m", "mind-small")
        .contains("https://files.grouplens.org/datasets/movielens/ml-20m.zip");

    assertThat(run("fetch", "netflix", "--dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown data set 'netflix'").contains("ml-100k");

    err.getBuffer().setLength(0);
    assertThat(run("fetch", "--dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Missing the data set <name>");
  }

  @Test
  void hasHelp() {
    assertThat(run("fetch", "--help")).isZero();
    assertThat(out.toString()).contains("--base-url", "--dir", "--force", "--list");
  }

  private static byte[] zip(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(content.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
