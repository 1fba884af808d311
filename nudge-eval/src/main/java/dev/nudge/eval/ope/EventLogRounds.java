package dev.nudge.eval.ope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.bandit.Arm;
import dev.nudge.bandit.DecisionContext;
import dev.nudge.core.InputException;
import dev.nudge.core.Seeds;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the service's event log export ({@value #FORMAT}, JSON Lines, specified in
 * docs/event-log-format.md) into {@link LoggedRound}s. The service's writer lives in nudge-serve,
 * which this module must not depend on, so the documented format is parsed here.
 *
 * <p>Per line: the candidates are the logged {@code candidates}, in order; the context features are
 * the logged {@code features} (the hashed context the policy saw); the action is the served nudge
 * ({@code rewardActionId}); its propensity is {@code slate[0].probability}, or 1 in apprentice mode
 * (the baseline was served for certain); the reward is what the service learned ({@code
 * learned.reward}: the window's aggregate, or the default reward), or, where nothing was learned
 * (logging-only mode, a window still open), the sum of the listed rewards' values, 0 when none.
 * Decisions never activated (the nudge was never shown) are skipped and counted.
 *
 * <p>Arm keys: the export gives the key of every nudge that appears in a slate; a candidate never
 * seen in any slate gets the next free key, in order of first appearance. The export does not hold
 * the nudges' own feature vectors, so arms carry ids and keys only: context-free target policies,
 * and linear ones over the context ({@code features=arm+context}), can be evaluated.
 */
public final class EventLogRounds {
  /** The format name and version every line must carry. */
  public static final String FORMAT = "nudge-event-log/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a log held.
   *
   * @param rounds the activated decisions, in file order
   * @param notActivated decisions skipped because their reward window never opened
   * @param policies the logging policy specs seen, in order of first appearance
   */
  public record Read(List<LoggedRound> rounds, int notActivated, List<String> policies) {
    public Read {
      rounds = List.copyOf(rounds);
      policies = List.copyOf(policies);
      if (notActivated < 0) {
        throw new IllegalArgumentException("notActivated must be >= 0, got " + notActivated);
      }
    }
  }

  private EventLogRounds() {}

  /**
   * True when {@code file} is a regular file whose first non-blank line is a JSON object with a
   * {@code format} starting with {@code nudge-event-log/} (any version: {@link #read} then names a
   * version it cannot read).
   */
  public static boolean isEventLog(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode o = JSON.readTree(line);
          return o.isObject()
              && o.path("format").isTextual()
              && o.get("format").asText().startsWith("nudge-event-log/");
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads every line of an export.
   *
   * @throws InputException naming the file and line of the first bad line, or the file when it
   *     cannot be read or holds no decision
   */
  public static Read read(Path file) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long number = 0;
      while ((text = in.readLine()) != null) {
        number++;
        if (!text.isBlank()) {
          lines.add(Line.parse(file, number, text));
        }
      }
    } catch (IOException e) {
      throw InputException.inFile(file, "cannot read the event log: " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw InputException.inFile(file, "the event log holds no decision");
    }
    Map<String, Integer> keys = keys(file, lines);
    Map<String, Arm> arms = new HashMap<>();
    Map<String, Long> eventLines = new HashMap<>();
    Set<String> policies = new LinkedHashSet<>();
    List<LoggedRound> rounds = new ArrayList<>(lines.size());
    int notActivated = 0;
    for (Line l : lines) {
      Long earlier = eventLines.putIfAbsent(l.eventId, l.number);
      if (earlier != null) {
        throw InputException.forField(
            file, l.number, "eventId", "'" + l.eventId + "' was already logged at line " + earlier);
      }
      policies.add(l.policy);
      if (!l.activated) {
        notActivated++;
        continue;
      }
      List<Arm> candidates = new ArrayList<>(l.candidates.size());
      for (String id : l.candidates) {
        candidates.add(arms.computeIfAbsent(id, k -> new Arm(k, keys.get(k), null, null, -1)));
      }
      DecisionContext context =
          new DecisionContext(
              l.eventId,
              l.userKey,
              null,
              l.features,
              candidates,
              1,
              DecisionContext.UNLIMITED,
              Seeds.forEvent(l.eventId));
      rounds.add(new LoggedRound(context, l.candidates.indexOf(l.action), l.propensity, l.reward));
    }
    if (rounds.isEmpty()) {
      throw InputException.inFile(
          file, "none of the " + lines.size() + " decisions was activated: nothing to evaluate");
    }
    return new Read(rounds, notActivated, new ArrayList<>(policies));
  }

  /** Keys from the slates (checked for consistency), then fresh keys for never-shown candidates. */
  private static Map<String, Integer> keys(Path file, List<Line> lines) {
    Map<String, Integer> keys = new HashMap<>();
    Map<String, Long> firstSeen = new HashMap<>();
    int next = 0;
    for (Line l : lines) {
      for (Map.Entry<String, Integer> slot : l.slateKeys.entrySet()) {
        Integer known = keys.putIfAbsent(slot.getKey(), slot.getValue());
        if (known == null) {
          firstSeen.put(slot.getKey(), l.number);
          next = Math.max(next, slot.getValue() + 1);
        } else if (!known.equals(slot.getValue())) {
          throw InputException.forField(
              file,
              l.number,
              "slate",
              "nudge '"
                  + slot.getKey()
                  + "' has key "
                  + slot.getValue()
                  + " but key "
                  + known
                  + " at line "
                  + firstSeen.get(slot.getKey()));
        }
      }
    }
    for (Line l : lines) {
      for (String id : l.candidates) {
        if (!keys.containsKey(id)) {
          keys.put(id, next++);
        }
      }
    }
    return keys;
  }

  /** The fields of one line that evaluation needs, checked. */
  private record Line(
      long number,
      String eventId,
      int userKey,
      double[] features,
      List<String> candidates,
      Map<String, Integer> slateKeys,
      String action,
      double propensity,
      double reward,
      boolean activated,
      String policy) {

    static Line parse(Path file, long number, String text) {
      JsonNode o;
      try {
        o = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw InputException.atLine(file, number, "not valid JSON: " + e.getOriginalMessage(), e);
      }
      Fields f = new Fields(file, number, o);
      String format = f.text("format");
      if (!FORMAT.equals(format)) {
        throw InputException.forField(
            file, number, "format", "is '" + format + "'; this reader reads " + FORMAT);
      }
      String eventId = f.text("eventId");
      int userKey = f.integer(o, "userKey");
      double[] features = f.numbers("features");
      List<String> candidates = f.strings("candidates");
      if (candidates.isEmpty()) {
        throw f.error("candidates", "is empty");
      }
      if (new LinkedHashSet<>(candidates).size() != candidates.size()) {
        throw f.error("candidates", "lists a nudge twice: " + candidates);
      }
      JsonNode slate = f.array("slate");
      if (slate.isEmpty()) {
        throw f.error("slate", "is empty");
      }
      Map<String, Integer> slateKeys = new LinkedHashMap<>();
      for (int i = 0; i < slate.size(); i++) {
        JsonNode slot = slate.get(i);
        String where = "slate[" + i + "]";
        if (!slot.isObject()) {
          throw f.error(where, "must be an object");
        }
        int key = f.integer(slot, where + ".key");
        if (key < 0) {
          throw f.error(where + ".key", "must be >= 0, got " + key);
        }
        slateKeys.put(f.text(slot, where + ".id"), key);
      }
      JsonNode first = slate.get(0);
      String mode = f.text("mode");
      String action = f.text("rewardActionId");
      if (!candidates.contains(action)) {
        throw f.error("rewardActionId", "'" + action + "' is not among the candidates");
      }
      double propensity;
      if ("apprentice".equals(mode)) {
        propensity = 1; // the baseline is served for certain; the slate is the policy's own pick
      } else {
        String shown = f.text(first, "slate[0].id");
        if (!shown.equals(action)) {
          throw f.error(
              "rewardActionId",
              "'" + action + "' differs from slate[0].id '" + shown + "' in mode " + mode);
        }
        propensity = f.number(first, "slate[0].probability");
        if (!(propensity > 0 && propensity <= 1)) {
          throw f.error(
              "slate[0].probability",
              "is "
                  + propensity
                  + "; a served nudge needs a propensity in (0, 1] for off-policy evaluation");
        }
      }
      boolean activated = !o.path("activatedAt").isMissingNode() && !o.get("activatedAt").isNull();
      return new Line(
          number,
          eventId,
          userKey,
          features,
          candidates,
          slateKeys,
          action,
          propensity,
          reward(f, o),
          activated,
          f.text("policy"));
    }

    private static double reward(Fields f, JsonNode o) {
      JsonNode learned = o.get("learned");
      if (learned != null && !learned.isNull()) {
        if (!learned.isObject()) {
          throw f.error("learned", "must be an object or null");
        }
        return f.number(learned, "learned.reward");
      }
      double sum = 0;
      JsonNode rewards = f.array("rewards");
      for (int i = 0; i < rewards.size(); i++) {
        sum += f.number(rewards.get(i), "rewards[" + i + "].value");
      }
      return sum;
    }
  }

  /** Typed access to a line's fields, failing with the file, line and field. */
  private record Fields(Path file, long number, JsonNode root) {
    Fields {
      Objects.requireNonNull(root, "root");
      if (!root.isObject()) {
        throw InputException.atLine(file, number, "a line must be one JSON object");
      }
    }

    InputException error(String field, String reason) {
      return InputException.forField(file, number, field, reason);
    }

    String text(String field) {
      return text(root, field);
    }

    /** {@code path} names the field in messages; its last segment is looked up in {@code node}. */
    String text(JsonNode node, String path) {
      JsonNode v = node.get(last(path));
      if (v == null || !v.isTextual()) {
        throw error(path, v == null ? "is missing" : "must be a string, got " + v);
      }
      return v.asText();
    }

    int integer(JsonNode node, String path) {
      JsonNode v = node.get(last(path));
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
        throw error(path, v == null ? "is missing" : "must be an integer, got " + v);
      }
      return v.asInt();
    }

    double number(JsonNode node, String path) {
      JsonNode v = node.get(last(path));
      if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw error(path, v == null ? "is missing" : "must be a finite number, got " + v);
      }
      return v.asDouble();
    }

    JsonNode array(String field) {
      JsonNode v = root.get(field);
      if (v == null || !v.isArray()) {
        throw error(field, v == null ? "is missing" : "must be an array");
      }
      return v;
    }

    double[] numbers(String field) {
      JsonNode a = array(field);
      double[] out = new double[a.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = a.get(i);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
          throw error(field + "[" + i + "]", "must be a finite number, got " + v);
        }
        out[i] = v.asDouble();
      }
      return out;
    }

    List<String> strings(String field) {
      JsonNode a = array(field);
      List<String> out = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isTextual()) {
          throw error(field + "[" + i + "]", "must be a string, got " + a.get(i));
        }
        out.add(a.get(i).asText());
      }
      return out;
    }

    private static String last(String path) {
      return path.substring(path.lastIndexOf('.') + 1);
    }
  }
}
