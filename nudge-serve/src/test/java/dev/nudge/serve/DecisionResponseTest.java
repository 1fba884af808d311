package dev.nudge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.serve.log.SlotRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written decide answer is byte for byte what the JSON tree wrote before. */
class DecisionResponseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDecideAnswerIsByteForByteWhatTheTreeWrote() throws Exception {
    List<SlotRecord> slate =
        List.of(
            new SlotRecord("n7", 7, 0.9083333333333333, 1.25, false),
            new SlotRecord("n2", 2, 0.05, null, true));
    String policy = "s-n-galm-ucb(beta=0.1, d1=8, \"odd\")";
    ObjectNode o = JSON.createObjectNode();
    o.put("eventId", "e-1");
    ArrayNode s = o.putArray("slate");
    for (SlotRecord slot : slate) {
      ObjectNode n = s.addObject();
      n.put("id", slot.id());
      n.put("probability", slot.probability());
      if (slot.score() == null) {
        n.putNull("score");
      } else {
        n.put("score", slot.score());
      }
      n.put("explored", slot.explored());
    }
    o.put("rewardActionId", "n7");
    o.put("policy", policy);
    o.put("modelVersion", "m@abc");
    assertThat(DecisionService.response("e-1", slate, "n7", policy, "m@abc"))
        .isEqualTo(o.toString());
  }
}
