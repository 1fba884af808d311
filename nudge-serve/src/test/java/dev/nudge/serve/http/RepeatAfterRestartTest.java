package dev.nudge.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event id older than the in-memory window (here: from before a restart) is not looked up before
 * deciding; the log's unique key must still make the stored answer win, byte for byte.
 */
class RepeatAfterRestartTest {
  @TempDir Path dir;

  @Test
  void aRepeatedIdFromBeforeARestartGetsTheStoredAnswerAndNoSecondRow() throws Exception {
    String body =
        "{\"eventId\":\"old\",\"userId\":\"u\",\"slateSize\":3,"
            + "\"candidates\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"}]}";
    String first;
    try (TestServer server = new TestServer(dir)) {
      HttpResponse<String> d = server.post("/v1/decide", body);
      assertThat(d.statusCode()).isEqualTo(200);
      first = d.body();
    }
    try (TestServer again = new TestServer(dir)) {
      // A different body under the same id: still the stored answer.
      HttpResponse<String> d =
          again.post("/v1/decide", "{\"eventId\":\"old\",\"userId\":\"someone-else\"}");
      assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
      assertThat(d.body()).isEqualTo(first);
      assertThat(again.post("/v1/decide", body).body()).isEqualTo(first); // now from memory
      assertThat(again.service.log().count("decisions")).isEqualTo(1);
      assertThat(again.get("/metrics").body()).contains("nudge_decisions_repeated_total 2.0");
      // A new id still decides normally after the rejected insert.
      HttpResponse<String> fresh = again.post("/v1/decide", body.replace("\"old\"", "\"new\""));
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(again.service.log().count("decisions")).isEqualTo(2);
    }
  }
}
