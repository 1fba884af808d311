package dev.nudge.serve.http;

import dev.nudge.serve.BankingNudges;
import dev.nudge.serve.EmbeddingModel;
import dev.nudge.serve.NudgeService;
import dev.nudge.serve.PolicyFactory;
import dev.nudge.serve.ServiceConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/** A service on a SQLite file and a random port, with a small HTTP client. */
final class TestServer implements AutoCloseable {
  final NudgeService service;
  final HttpApi api;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String apiKey;

  TestServer(Path dir, ServiceConfig config, InstantSource clock, HttpApi.Options options) {
    this(dir, config, EmbeddingModel.NONE, clock, options);
  }

  TestServer(
      Path dir,
      ServiceConfig config,
      EmbeddingModel model,
      InstantSource clock,
      HttpApi.Options options) {
    service =
        NudgeService.open(
            new NudgeService.Settings(
                "jdbc:sqlite:" + dir.resolve("log.db"),
                config,
                PolicyFactory.builtIn(),
                BankingNudges.five(),
                model,
                clock));
    api = HttpApi.start(service, options);
  }

  TestServer(Path dir) {
    this(dir, ServiceConfig.defaults(), InstantSource.system(), HttpApi.Options.local(0));
  }

  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (apiKey != null) {
      b.header("X-Api-Key", apiKey);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String body) {
    return send("POST", path, body);
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  @Override
  public void close() {
    api.close();
    service.close();
  }
}
