package dev.nudge.data.fetch;

import dev.nudge.core.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Streams a URL to a file while computing its MD5, showing progress in KiB. */
final class HttpDownloader {
  private static final Pattern MD5_HEX = Pattern.compile("\\b([0-9a-fA-F]{32})\\b");
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http;
  private final ProgressFactory progress;

  HttpDownloader(HttpClient http, ProgressFactory progress) {
    this.http = http;
    this.progress = progress;
  }

  /** The bytes written and their MD5, lower-case hex. */
  record Downloaded(long bytes, String md5) {}

  Downloaded download(URI uri, Path file, String task) {
    HttpResponse<InputStream> response = send(uri, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      requireOk(uri, response.statusCode());
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      MessageDigest md5 = md5();
      long bytes = 0;
      try (OutputStream out = Files.newOutputStream(file);
          Progress bar = progress.start(task, length < 0 ? -1 : (length + 1023) / 1024, "KiB")) {
        byte[] buffer = new byte[1 << 16];
        long shownKib = 0;
        for (int n; (n = body.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          md5.update(buffer, 0, n);
          bytes += n;
          // Whole KiB only, carrying the remainder, so the bar's total and steps agree.
          long kib = bytes >>> 10;
          if (kib > shownKib) {
            bar.step(kib - shownKib);
            shownKib = kib;
          }
        }
        long lastKib = (bytes + 1023) / 1024;
        if (lastKib > shownKib) {
          bar.step(lastKib - shownKib);
        }
      }
      if (length >= 0 && bytes != length) {
        throw new FetchException(
            "download of " + uri + " stopped after " + bytes + " of " + length + " bytes");
      }
      return new Downloaded(bytes, HexFormat.of().formatHex(md5.digest()));
    } catch (IOException e) {
      throw new FetchException("cannot download " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The MD5 published at {@code uri} (GroupLens's {@code <file>.md5}, BSD or GNU format). */
  String publishedMd5(URI uri) {
    HttpResponse<String> response =
        send(uri, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    requireOk(uri, response.statusCode());
    Matcher m = MD5_HEX.matcher(response.body());
    if (!m.find()) {
      throw new FetchException("no MD5 sum found in " + uri);
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }

  private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new FetchException("cannot download " + uri + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("download of " + uri + " was interrupted", e);
    }
  }

  private static void requireOk(URI uri, int status) {
    if (status != 200) {
      throw new FetchException(
          "HTTP " + status + " from " + uri + (status == 404 ? " (not found)" : ""));
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  static MessageDigest md5() {
    return digest("MD5");
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5 and SHA-256.
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
