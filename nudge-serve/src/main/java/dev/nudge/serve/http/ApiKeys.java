package dev.nudge.serve.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * API keys with scopes. Keys are kept only as SHA-256 digests and compared with {@link
 * MessageDigest#isEqual} against every configured key (no early exit), so the time taken says
 * nothing about how much of a key was right. No keys configured means an open service (local
 * development); {@code nudge serve} warns about it.
 */
public final class ApiKeys {
  /** What a key may do. {@code WRITE} includes {@code READ}. */
  public enum Scope {
    READ,
    WRITE
  }

  private record Key(byte[] digest, Scope scope) {}

  private final List<Key> keys;

  private ApiKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /** No keys: every request is allowed. */
  public static ApiKeys open() {
    return new ApiKeys(List.of());
  }

  /**
   * Keys from specs {@code KEY} (write scope) or {@code KEY:read} / {@code KEY:write}.
   *
   * @throws IllegalArgumentException for a key shorter than 16 characters or an unknown scope
   */
  public static ApiKeys of(List<String> specs) {
    List<Key> keys = new ArrayList<>();
    for (String spec : specs) {
      Objects.requireNonNull(spec, "api key");
      int colon = spec.lastIndexOf(':');
      String key = spec;
      Scope scope = Scope.WRITE;
      if (colon > 0) {
        String s = spec.substring(colon + 1);
        if (s.equals("read") || s.equals("write")) {
          key = spec.substring(0, colon);
          scope = s.equals("read") ? Scope.READ : Scope.WRITE;
        }
      }
      if (key.length() < 16) {
        throw new IllegalArgumentException(
            "api key must be at least 16 characters, got " + key.length());
      }
      keys.add(new Key(digest(key), scope));
    }
    return new ApiKeys(keys);
  }

  public boolean isOpen() {
    return keys.isEmpty();
  }

  /** True when {@code presented} is a key with {@code needed} scope (or any request, if open). */
  public boolean allows(String presented, Scope needed) {
    if (keys.isEmpty()) {
      return true;
    }
    if (presented == null) {
      return false;
    }
    byte[] d = digest(presented);
    boolean allowed = false;
    for (Key k : keys) {
      boolean match = MessageDigest.isEqual(d, k.digest);
      allowed |= match && (k.scope == Scope.WRITE || needed == Scope.READ);
    }
    return allowed;
  }

  /** True when the key is known at all (to tell 401 from 403). */
  public boolean known(String presented) {
    return presented != null && (allows(presented, Scope.READ));
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
