package dev.nudge.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the common shape of a decide body in one streaming pass, without building a tree of its
 * candidates (a tree of 100 {@code {"id": ...}} objects was the largest share of a decision's
 * parsing cost). Anything outside the common shape (unknown or repeated fields, candidates with
 * features, wrong types, invalid ids, malformed JSON) returns null, and {@link RequestJson} then
 * reads the body strictly and names the fault: the errors stay exactly those of the strict path.
 */
final class DecideStreamReader {
  private static final int EVENT_ID = 1;
  private static final int USER_ID = 1 << 1;
  private static final int CONTEXT = 1 << 2;
  private static final int CANDIDATES = 1 << 3;
  private static final int EXCLUDED = 1 << 4;
  private static final int SLATE_SIZE = 1 << 5;
  private static final int DEFER = 1 << 6;
  private static final int BASELINE = 1 << 7;

  private DecideStreamReader() {}

  /** The request, or null when the strict path must read (and perhaps reject) the body. */
  static DecideRequest read(byte[] body) {
    try (JsonParser p = NudgeJson.JSON.createParser(body)) {
      return read(p, body);
    } catch (IOException | RuntimeException e) {
      return null; // malformed or unexpected: the strict path explains it
    }
  }

  private static DecideRequest read(JsonParser p, byte[] body) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    int seen = 0;
    String eventId = null;
    String userId = null;
    String baseline = null;
    JsonNode context = null;
    String contextText = null;
    List<DecideRequest.Candidate> candidates = List.of();
    List<String> excluded = List.of();
    Integer slateSize = null;
    boolean defer = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      int bit = bit(field);
      if (bit == 0 || (seen & bit) != 0) {
        return null;
      }
      seen |= bit;
      JsonToken t = p.nextToken();
      boolean isNull = t == JsonToken.VALUE_NULL;
      switch (bit) {
        case EVENT_ID -> {
          eventId = isNull ? null : id(p, t);
          if (!isNull && eventId == null) {
            return null;
          }
        }
        case USER_ID -> {
          userId = id(p, t);
          if (userId == null) {
            return null;
          }
        }
        case BASELINE -> {
          baseline = isNull ? null : id(p, t);
          if (!isNull && baseline == null) {
            return null;
          }
        }
        case CONTEXT -> {
          if (t == JsonToken.START_OBJECT) {
            long from = p.currentTokenLocation().getByteOffset();
            context = p.readValueAsTree();
            long to = p.currentLocation().getByteOffset();
            if (from < 0 || to <= from || to > body.length || body[(int) to - 1] != '}') {
              return null;
            }
            contextText = new String(body, (int) from, (int) (to - from), StandardCharsets.UTF_8);
          } else if (!isNull) {
            return null;
          }
        }
        case CANDIDATES -> {
          if (!isNull) {
            candidates = candidates(p, t);
            if (candidates == null) {
              return null;
            }
          }
        }
        case EXCLUDED -> {
          if (!isNull) {
            excluded = strings(p, t);
            if (excluded == null) {
              return null;
            }
          }
        }
        case SLATE_SIZE -> {
          if (!isNull) {
            if (t != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() != JsonParser.NumberType.INT
                || p.getIntValue() < 1
                || p.getIntValue() > ServiceConfig.MAX_SLATE_SIZE) {
              return null;
            }
            slateSize = p.getIntValue();
          }
        }
        case DEFER -> {
          if (t == JsonToken.VALUE_TRUE) {
            defer = true;
          } else if (t != JsonToken.VALUE_FALSE && !isNull) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || userId == null) {
      return null;
    }
    return new DecideRequest(
        eventId,
        userId,
        context != null ? context : NudgeJson.JSON.createObjectNode(),
        candidates,
        excluded,
        slateSize,
        defer,
        baseline,
        contextText);
  }

  private static int bit(String field) {
    return switch (field) {
      case "eventId" -> EVENT_ID;
      case "userId" -> USER_ID;
      case "context" -> CONTEXT;
      case "candidates" -> CANDIDATES;
      case "excluded" -> EXCLUDED;
      case "slateSize" -> SLATE_SIZE;
      case "deferActivation" -> DEFER;
      case "baselineActionId" -> BASELINE;
      default -> 0;
    };
  }

  private static String id(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      return null;
    }
    String id = p.getText();
    return Nudge.validId(id) ? id : null;
  }

  /** {@code [{"id": "..."}, ...]} with plain candidates only; null for anything else. */
  private static List<DecideRequest.Candidate> candidates(JsonParser p, JsonToken t)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      return null;
    }
    // Sized for a typical request's candidates, so the list does not regrow on the way to 100.
    List<DecideRequest.Candidate> out = new ArrayList<>(128);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      if (p.nextToken() != JsonToken.FIELD_NAME || !"id".equals(p.currentName())) {
        return null;
      }
      String id = id(p, p.nextToken());
      if (id == null || p.nextToken() != JsonToken.END_OBJECT) {
        return null;
      }
      out.add(new DecideRequest.Candidate(id, null));
      if (out.size() > RequestJson.MAX_CANDIDATES) {
        return null;
      }
    }
    return p.currentToken() == JsonToken.END_ARRAY ? out : null;
  }

  private static List<String> strings(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      return null;
    }
    List<String> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.VALUE_STRING) {
      out.add(p.getText());
    }
    return p.currentToken() == JsonToken.END_ARRAY ? out : null;
  }
}
