package dev.nudge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader gives exactly the strict reader's request for the shapes it takes, and hands
 * everything else back (null) so that the strict reader names the fault.
 */
class DecideStreamReaderTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static DecideRequest withText(DecideRequest r, String text) {
    return new DecideRequest(
        r.eventId(),
        r.userId(),
        r.context(),
        r.candidates(),
        r.excluded(),
        r.slateSize(),
        r.deferActivation(),
        r.baselineActionId(),
        text);
  }

  @Test
  void commonBodiesReadAsTheStrictReaderReadsThem() {
    String[] bodies = {
      "{\"userId\":\"u1\"}",
      "{\"eventId\":\"e-1\",\"userId\":\"u1\",\"context\":{\"hour\":9,\"device\":\"ios\","
          + "\"geo\":{\"lat\":1.5},\"vip\":true},\"candidates\":[{\"id\":\"n1\"},{\"id\":\"n2\"}],"
          + "\"excluded\":[\"n2\"],\"slateSize\":1,\"deferActivation\":true,"
          + "\"baselineActionId\":\"n1\"}",
      " { \"userId\" : \"u:2@x\", \"eventId\" : null, \"context\" : null, \"candidates\" : [ ] ,"
          + " \"deferActivation\" : false } ",
    };
    for (String body : bodies) {
      DecideRequest fast = DecideStreamReader.read(b(body));
      assertThat(fast).as(body).isNotNull();
      DecideRequest strict = RequestJson.decide(RequestJson.parse(body));
      assertThat(fast.contextText() == null ? strict : withText(strict, fast.contextText()))
          .as(body)
          .isEqualTo(fast);
      // The kept text is the context object itself.
      assertThat(RequestJson.parse(fast.contextJson())).isEqualTo(strict.context());
    }
  }

  @Test
  void everythingElseIsLeftToTheStrictReader() {
    String[] bodies = {
      "",
      "[]",
      "{\"userId\":\"u1\"} {}",
      "{\"userId\":\"u1\",\"userId\":\"u2\"}",
      "{\"userId\":\"u1\",\"other\":1}",
      "{\"eventId\":\"e1\"}",
      "{\"userId\":\"bad id\"}",
      "{\"userId\":5}",
      "{\"userId\":\"u1\",\"context\":[1]}",
      "{\"userId\":\"u1\",\"candidates\":[{\"id\":\"n1\",\"features\":{\"x\":1}}]}",
      "{\"userId\":\"u1\",\"candidates\":[{\"id\":\"n1\"},\"n2\"]}",
      "{\"userId\":\"u1\",\"candidates\":{}}",
      "{\"userId\":\"u1\",\"excluded\":[1]}",
      "{\"userId\":\"u1\",\"slateSize\":0}",
      "{\"userId\":\"u1\",\"slateSize\":1.5}",
      "{\"userId\":\"u1\",\"slateSize\":99999999999}",
      "{\"userId\":\"u1\",\"deferActivation\":\"yes\"}",
      "{\"userId\":\"u1\"",
    };
    for (String body : bodies) {
      assertThat(DecideStreamReader.read(b(body))).as(body).isNull();
    }
  }
}
