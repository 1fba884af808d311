package dev.nudge.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.core.InputException;
import dev.nudge.serve.ApiProblem;
import dev.nudge.serve.EmbeddingModel;
import dev.nudge.serve.Nudge;
import dev.nudge.serve.NudgeService;
import dev.nudge.serve.RequestJson;
import dev.nudge.serve.UserDirectory;
import dev.nudge.serve.Views;
import dev.nudge.serve.http.ApiKeys.Scope;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP face of a {@link NudgeService}: routes, API keys, size limits, problem answers.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close()} (stops the listener; the service is closed by
 * its owner).
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HttpApi.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HeaderName API_KEY = HeaderNames.create("X-Api-Key");
  private static final String JSON_TYPE = "application/json";
  private static final String PROBLEM_TYPE = "application/problem+json";

  /** The largest request body accepted; larger ones get 413. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private final NudgeService service;
  private final ApiKeys keys;
  private final Path modelDir;
  private final WebServer server;

  /**
   * Where and how to listen.
   *
   * @param host the address to bind (127.0.0.1 unless told otherwise)
   * @param port the port, 0 for any free one
   * @param keys the API keys
   * @param maxBodyBytes the largest request body
   * @param modelDir where {@code POST /v1/models/reload} may load embeddings from, or null
   */
  public record Options(String host, int port, ApiKeys keys, long maxBodyBytes, Path modelDir) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(keys, "keys");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + maxBodyBytes);
      }
    }

    /** 127.0.0.1 on the given port, no keys, 1 MiB bodies, no model directory. */
    public static Options local(int port) {
      return new Options("127.0.0.1", port, ApiKeys.open(), DEFAULT_MAX_BODY_BYTES, null);
    }
  }

  private HttpApi(NudgeService service, Options options) {
    this.service = service;
    this.keys = options.keys();
    this.modelDir = options.modelDir() == null ? null : options.modelDir().toAbsolutePath();
    this.server =
        WebServer.builder()
            .host(options.host())
            .port(options.port())
            .maxPayloadSize(options.maxBodyBytes())
            .shutdownHook(false)
            .routing(this::routes)
            .build();
  }

  /** Starts listening. */
  public static HttpApi start(NudgeService service, Options options) {
    HttpApi api = new HttpApi(service, options);
    api.server.start();
    return api;
  }

  /** The port actually bound. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void routes(HttpRouting.Builder r) {
    r.post("/v1/decide", handle("decide", Scope.WRITE, this::decide))
        .post("/v1/events/{eventId}/reward", handle("reward", Scope.WRITE, this::reward))
        .post("/v1/events/{eventId}/activate", handle("activate", Scope.WRITE, this::activate))
        .get("/v1/events/{eventId}", handle("event", Scope.READ, this::event))
        .get("/v1/nudges", handle("nudges", Scope.READ, this::listNudges))
        .post("/v1/nudges/import", handle("nudges-import", Scope.WRITE, this::importNudges))
        .get("/v1/nudges/{id}", handle("nudge", Scope.READ, this::getNudge))
        .put("/v1/nudges/{id}", handle("nudge-put", Scope.WRITE, this::putNudge))
        .delete("/v1/nudges/{id}", handle("nudge-delete", Scope.WRITE, this::deleteNudge))
        .post("/v1/users/import", handle("users-import", Scope.WRITE, this::importUsers))
        .get("/v1/users/{id}", handle("user", Scope.READ, this::getUser))
        .put("/v1/users/{id}", handle("user-put", Scope.WRITE, this::putUser))
        .delete("/v1/users/{id}", handle("user-delete", Scope.WRITE, this::deleteUser))
        .get("/v1/config", handle("config", Scope.READ, (req, res) -> configAnswer(res)))
        .put("/v1/config", handle("config-put", Scope.WRITE, this::putConfig))
        .get("/v1/models", handle("models", Scope.READ, (req, res) -> modelsAnswer(res)))
        .post("/v1/models/reload", handle("models-reload", Scope.WRITE, this::reload))
        .get("/v1/log/export", handle("export", Scope.READ, this::export))
        .get("/v1/openapi", (req, res) -> openApi(res))
        .get("/health/live", (req, res) -> send(res, 200, JSON_TYPE, "{\"status\":\"UP\"}"))
        .get("/health/ready", (req, res) -> ready(res))
        .get("/metrics", handle("metrics", Scope.READ, this::metrics))
        .any(
            (req, res) -> {
              throw new ApiProblem(
                  404,
                  null,
                  "no route " + req.prologue().method().text() + " " + req.path().path());
            })
        .error(Throwable.class, this::failure);
  }

  /** A handler behind an API-key check, timed under its route name. */
  private Handler handle(String route, Scope scope, Handler inner) {
    Timer timer = service.metrics().route(route);
    return (req, res) -> {
      long start = System.nanoTime();
      try {
        String key = presentedKey(req);
        if (!keys.allows(key, scope)) {
          boolean known = keys.known(key);
          throw new ApiProblem(
              known ? 403 : 401,
              null,
              known
                  ? "this API key has no " + scope.name().toLowerCase() + " scope"
                  : "a valid API key is required (header X-Api-Key or Authorization: Bearer)");
        }
        inner.handle(req, res);
      } finally {
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    };
  }

  private static String presentedKey(ServerRequest req) {
    var direct = req.headers().first(API_KEY);
    if (direct.isPresent()) {
      return direct.get();
    }
    return req.headers()
        .first(HeaderNames.AUTHORIZATION)
        .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(a -> a.substring(7).trim())
        .orElse(null);
  }

  private static JsonNode body(ServerRequest req) {
    return RequestJson.parse(bytes(req)); // UTF-8 bytes straight to the parser: no String copy
  }

  /**
   * The body's bytes. With a Content-Length (what clients send) it is read into an array of exactly
   * that size: {@code readAllBytes} first fills a 16 KiB buffer and copies it, which was half of a
   * decision's allocation. The server has already rejected lengths over the limit, and the entity
   * stream ends at the declared length.
   */
  private static byte[] bytes(ServerRequest req) {
    try (InputStream in = req.content().inputStream()) {
      OptionalLong length = req.headers().contentLength();
      if (length.isPresent() && length.getAsLong() <= Integer.MAX_VALUE - 8) {
        return in.readNBytes((int) length.getAsLong());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void decide(ServerRequest req, ServerResponse res) {
    String answer = service.decisions().decide(RequestJson.decide(bytes(req)));
    send(res, 200, JSON_TYPE, answer);
  }

  private void reward(ServerRequest req, ServerResponse res) {
    String eventId = RequestJson.pathId(req.path().pathParameters().get("eventId"), "eventId");
    Map<String, Double> values = RequestJson.reward(body(req));
    var outcome = service.decisions().reward(eventId, values);
    ObjectNode o = JSON.createObjectNode();
    o.put("eventId", outcome.eventId());
    o.put("value", outcome.value());
    o.put("stored", true);
    o.put("inWindow", outcome.inWindow());
    send(res, 200, JSON_TYPE, o.toString());
  }

  private void activate(ServerRequest req, ServerResponse res) {
    String eventId = RequestJson.pathId(req.path().pathParameters().get("eventId"), "eventId");
    Instant at = service.decisions().activate(eventId);
    ObjectNode o = JSON.createObjectNode();
    o.put("eventId", eventId);
    o.put("activatedAt", at.toString());
    send(res, 200, JSON_TYPE, o.toString());
  }

  private void event(ServerRequest req, ServerResponse res) throws IOException {
    String eventId = RequestJson.pathId(req.path().pathParameters().get("eventId"), "eventId");
    var d =
        service.decisions().find(eventId).orElseThrow(() -> ApiProblem.notFound("event", eventId));
    ObjectNode o = (ObjectNode) JSON.readTree(d.response());
    o.put("activatedAt", d.activatedAt() == null ? null : d.activatedAt().toString());
    ArrayNode rewards = o.putArray("rewards");
    for (var r : service.log().rewards(eventId)) {
      rewards.addObject().put("value", r.value()).put("receivedAt", r.receivedAt().toString());
    }
    send(res, 200, JSON_TYPE, o.toString());
  }

  private void listNudges(ServerRequest req, ServerResponse res) {
    ArrayNode a = JSON.createArrayNode();
    for (Nudge n : service.catalogue().all()) {
      if (n.active()) {
        a.add(nudgeTree(n));
      }
    }
    send(res, 200, JSON_TYPE, a.toString());
  }

  private void getNudge(ServerRequest req, ServerResponse res) {
    String id = RequestJson.pathId(req.path().pathParameters().get("id"), "id");
    Nudge n =
        service
            .catalogue()
            .get(id)
            .filter(Nudge::active)
            .orElseThrow(() -> ApiProblem.notFound("nudge", id));
    send(res, 200, JSON_TYPE, nudgeTree(n).toString());
  }

  private void putNudge(ServerRequest req, ServerResponse res) {
    String id = RequestJson.pathId(req.path().pathParameters().get("id"), "id");
    Nudge n = RequestJson.nudge(id, body(req));
    Nudge stored = service.putNudge(id, n.features(), n.topic(), n.text());
    send(res, 200, JSON_TYPE, nudgeTree(stored).toString());
  }

  private void importNudges(ServerRequest req, ServerResponse res) {
    JsonNode body = body(req);
    if (!body.isArray()) {
      throw ApiProblem.badField("body", "must be an array of nudges");
    }
    // Validate everything first: a bad entry rejects the whole import.
    java.util.List<Nudge> parsed = new java.util.ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode n = body.get(i);
      if (!n.isObject() || !n.path("id").isTextual()) {
        throw ApiProblem.badField("[" + i + "].id", "is required");
      }
      try {
        parsed.add(RequestJson.nudge(RequestJson.pathId(n.get("id").textValue(), "id"), n));
      } catch (ApiProblem p) {
        throw ApiProblem.badField("[" + i + "]." + p.field(), p.getMessage());
      }
    }
    for (Nudge n : parsed) {
      service.putNudge(n.id(), n.features(), n.topic(), n.text());
    }
    send(res, 200, JSON_TYPE, "{\"imported\":" + parsed.size() + "}");
  }

  private void deleteNudge(ServerRequest req, ServerResponse res) {
    String id = RequestJson.pathId(req.path().pathParameters().get("id"), "id");
    if (!service.deleteNudge(id)) {
      throw ApiProblem.notFound("nudge", id);
    }
    res.status(204).send();
  }

  private void getUser(ServerRequest req, ServerResponse res) {
    String id = RequestJson.pathId(req.path().pathParameters().get("id"), "id");
    UserDirectory.User u =
        service.users().get(id).orElseThrow(() -> ApiProblem.notFound("user", id));
    send(res, 200, JSON_TYPE, userTree(u).toString());
  }

  private void putUser(ServerRequest req, ServerResponse res) {
    String id = RequestJson.pathId(req.path().pathParameters().get("id"), "id");
    UserDirectory.User u = service.putUser(id, RequestJson.user(id, body(req)));
    send(res, 200, JSON_TYPE, userTree(u).toString());
  }

  private void importUsers(ServerRequest req, ServerResponse res) {
    JsonNode body = body(req);
    if (!body.isArray()) {
      throw ApiProblem.badField("body", "must be an array of users");
    }
    java.util.List<Map.Entry<String, Map<String, Double>>> parsed = new java.util.ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode n = body.get(i);
      if (!n.isObject() || !n.path("id").isTextual()) {
        throw ApiProblem.badField("[" + i + "].id", "is required");
      }
      try {
        String id = RequestJson.pathId(n.get("id").textValue(), "id");
        parsed.add(Map.entry(id, RequestJson.user(id, n)));
      } catch (ApiProblem p) {
        throw ApiProblem.badField("[" + i + "]." + p.field(), p.getMessage());
      }
    }
    parsed.forEach(e -> service.putUser(e.getKey(), e.getValue()));
    send(res, 200, JSON_TYPE, "{\"imported\":" + parsed.size() + "}");
  }

  private void deleteUser(ServerRequest req, ServerResponse res) {
    String id = RequestJson.pathId(req.path().pathParameters().get("id"), "id");
    if (!service.deleteUser(id)) {
      throw ApiProblem.notFound("user", id);
    }
    res.status(204).send();
  }

  private void configAnswer(ServerResponse res) {
    send(res, 200, JSON_TYPE, Views.config(service.config()));
  }

  private void putConfig(ServerRequest req, ServerResponse res) {
    service.updateConfig(body(req));
    configAnswer(res);
  }

  private void modelsAnswer(ServerResponse res) {
    EmbeddingModel m = service.model();
    ObjectNode o = JSON.createObjectNode();
    o.put("modelVersion", m.version());
    o.put("dimensions", m.dimensions());
    o.put("users", m.users().size());
    o.put("items", m.items().size());
    o.put("policy", service.policyName());
    o.put("learnedSteps", service.learnedSteps());
    o.put("stateSha256", service.stateDigest());
    send(res, 200, JSON_TYPE, o.toString());
  }

  private void reload(ServerRequest req, ServerResponse res) {
    JsonNode body = body(req);
    if (!body.isObject() || !body.path("path").isTextual()) {
      throw ApiProblem.badField("path", "is required: a file name inside the model directory");
    }
    if (modelDir == null) {
      throw new ApiProblem(409, null, "no model directory configured (nudge serve --model-dir)");
    }
    Path file = modelDir.resolve(body.get("path").textValue()).normalize();
    if (!file.startsWith(modelDir)) {
      throw ApiProblem.badField("path", "must stay inside the model directory");
    }
    try {
      service.reloadModel(file);
    } catch (InputException e) {
      throw ApiProblem.badField("path", e.getMessage().replace(modelDir.toString(), "<models>"));
    }
    modelsAnswer(res);
  }

  private void export(ServerRequest req, ServerResponse res) throws IOException {
    StringWriter out = new StringWriter();
    service.export(out);
    send(res, 200, "application/x-ndjson", out.toString());
  }

  private void metrics(ServerRequest req, ServerResponse res) {
    send(res, 200, "text/plain; version=0.0.4; charset=utf-8", service.metrics().scrape());
  }

  private void ready(ServerResponse res) {
    boolean ok = service.ready();
    send(res, ok ? 200 : 503, JSON_TYPE, ok ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
  }

  private void openApi(ServerResponse res) throws IOException {
    try (InputStream in = HttpApi.class.getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml missing from the jar");
      }
      send(res, 200, "application/yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private void failure(ServerRequest req, ServerResponse res, Throwable t) {
    Throwable e = t;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    switch (e) {
      case ApiProblem p -> problem(res, p.status(), p.field(), p.getMessage());
      case InputException i -> problem(res, 400, i.field().orElse(null), i.getMessage());
      case HttpException h when h.status().code() < 500 ->
          problem(res, h.status().code(), null, h.status().reasonPhrase());
      default -> {
        LOG.log(
            Level.SEVERE,
            "request failed: " + req.prologue().method().text() + " " + req.path().path(),
            e);
        problem(res, 500, null, "internal error; the details are in the service log");
      }
    }
  }

  private static void problem(ServerResponse res, int status, String field, String detail) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "about:blank");
    o.put("title", title(status));
    o.put("status", status);
    o.put("detail", detail);
    if (field != null) {
      o.put("field", field);
    }
    send(res, status, PROBLEM_TYPE, o.toString());
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      default -> status >= 500 ? "Internal Server Error" : "Client Error";
    };
  }

  private static void send(ServerResponse res, int status, String type, String body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, type);
    res.send(body.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode nudgeTree(Nudge n) {
    return Views.nudge(n);
  }

  private static ObjectNode userTree(UserDirectory.User u) {
    return Views.user(u);
  }
}
