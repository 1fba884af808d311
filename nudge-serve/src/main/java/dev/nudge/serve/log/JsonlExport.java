package dev.nudge.serve.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The JSONL export read by off-policy evaluation: one line per decision, format version {@value
 * #FORMAT}. The fields are specified in docs/event-log-format.md; this class is their only writer.
 */
public final class JsonlExport {
  /** The format name and version written into every line. */
  public static final String FORMAT = "nudge-event-log/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonlExport() {}

  /** One line (without the newline) for a decision, its rewards and its learning step. */
  static String line(DecisionRecord d, List<RewardRecord> rewards, Optional<LearnRecord> learned) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("seq", d.seq());
    o.put("eventId", d.eventId());
    o.put("decidedAt", d.decidedAt().toString());
    o.put("userId", d.userId());
    o.put("userKey", d.userKey());
    try {
      o.set("context", JSON.readTree(d.contextJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ArrayNode features = o.putArray("features");
    for (double f : d.features()) {
      features.add(f);
    }
    ArrayNode candidates = o.putArray("candidates");
    d.candidates().forEach(candidates::add);
    ArrayNode slate = o.putArray("slate");
    for (SlotRecord s : d.slate()) {
      ObjectNode slot = slate.addObject();
      slot.put("id", s.id());
      slot.put("key", s.key());
      slot.put("probability", s.probability());
      if (s.score() == null) {
        slot.putNull("score");
      } else {
        slot.put("score", s.score());
      }
      slot.put("explored", s.explored());
    }
    o.put("rewardActionId", d.rewardArm().id());
    o.put("policy", d.policy());
    o.put("modelVersion", d.modelVersion());
    o.put("mode", d.mode());
    if (d.activatedAt() == null) {
      o.putNull("activatedAt");
    } else {
      o.put("activatedAt", d.activatedAt().toString());
    }
    ArrayNode rs = o.putArray("rewards");
    for (RewardRecord r : rewards) {
      ObjectNode rn = rs.addObject();
      rn.put("receivedAt", r.receivedAt().toString());
      rn.put("value", r.value());
      JsonNode objectives = JSON.valueToTree(r.objectives());
      rn.set("objectives", objectives);
    }
    if (learned.isPresent()) {
      ObjectNode l = o.putObject("learned");
      l.put("seq", learned.get().seq());
      l.put("reward", learned.get().reward());
      l.put("kind", learned.get().kind());
    } else {
      o.putNull("learned");
    }
    return o.toString();
  }
}
