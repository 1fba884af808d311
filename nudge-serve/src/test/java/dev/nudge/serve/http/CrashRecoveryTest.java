package dev.nudge.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.bandit.Policy;
import dev.nudge.serve.PolicyFactory;
import dev.nudge.serve.learn.LearnContexts;
import dev.nudge.serve.learn.SnapshotFormat;
import dev.nudge.serve.log.JdbcEventLog;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load: after a restart no acknowledged reward is lost, and the learned state equals
 * a replay of the whole log on a fresh policy.
 */
class CrashRecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  private Process startChild(Path portFile) throws Exception {
    Files.deleteIfExists(portFile);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx512m");
    String sqliteTmp = System.getProperty("org.sqlite.tmpdir");
    if (sqliteTmp != null) {
      cmd.add("-Dorg.sqlite.tmpdir=" + sqliteTmp);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashChild.class.getName());
    cmd.add(dir.resolve("log.db").toString());
    cmd.add(portFile.toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(portFile)) {
      assertThat(p.isAlive()).as("child died: %s", log()).isTrue();
      assertThat(System.nanoTime()).as("child did not start in 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    return p;
  }

  private String log() throws Exception {
    File f = dir.resolve("child.log").toFile();
    return f.exists() ? Files.readString(f.toPath()) : "";
  }

  private HttpResponse<String> post(int port, String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void killMinusNineLosesNoAcknowledgedRewardAndRecoversTheReplayedState() throws Exception {
    Path portFile = dir.resolve("port");
    Process child = startChild(portFile);
    int port = Integer.parseInt(Files.readString(portFile));
    Map<String, Double> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int worker = t;
      load.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; !stop.get(); i++) {
                      String id = "w" + worker + "-" + i;
                      try {
                        HttpResponse<String> d =
                            post(
                                port,
                                "/v1/decide",
                                "{\"eventId\":\"" + id + "\",\"userId\":\"u" + i % 7 + "\"}");
                        if (d.statusCode() != 200) {
                          continue;
                        }
                        double value = (i % 3 == 0) ? 1 : 0.25;
                        HttpResponse<String> r =
                            post(port, "/v1/events/" + id + "/reward", "{\"value\":" + value + "}");
                        if (r.statusCode() == 200) {
                          acknowledged.put(id, value);
                        }
                      } catch (Exception e) {
                        return; // the server is gone
                      }
                    }
                  }));
    }
    while (acknowledged.size() < 150) {
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL, mid-load
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Thread t : load) {
      t.join();
    }
    int acked = acknowledged.size();

    Process again = startChild(portFile);
    int port2 = Integer.parseInt(Files.readString(portFile));
    JsonNode models = JSON.readTree(get(port2, "/v1/models").body());
    String served = models.get("stateSha256").asText();
    for (Map.Entry<String, Double> e : acknowledged.entrySet()) {
      JsonNode event = JSON.readTree(get(port2, "/v1/events/" + e.getKey()).body());
      assertThat(event.get("rewards")).as(e.getKey()).hasSize(1);
      assertThat(event.get("rewards").get(0).get("value").asDouble()).isEqualTo(e.getValue());
    }
    again.destroy(); // SIGTERM: clean close, final snapshot committed
    assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (JdbcEventLog log = JdbcEventLog.open("jdbc:sqlite:" + dir.resolve("log.db"))) {
      Policy fresh = PolicyFactory.builtIn().create(CrashChild.config());
      Map<String, Double> learned = new HashMap<>();
      log.learnedSince(
          0,
          (l, d) -> {
            LearnContexts.learn(fresh, d, l.reward());
            learned.put(l.eventId(), l.reward());
          });
      // Every acknowledged reward was learned, with its value (earliest aggregation).
      assertThat(learned).containsAllEntriesOf(acknowledged);
      assertThat(learned.size()).isGreaterThanOrEqualTo(acked);
      assertThat(sha256(SnapshotFormat.state(fresh))).isEqualTo(served);
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }
}
