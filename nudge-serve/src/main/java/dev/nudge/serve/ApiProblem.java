package dev.nudge.serve;

import java.util.Objects;

/**
 * An expected client error, answered as {@code application/problem+json}: a status, the field at
 * fault (or null) and a reason a caller can act on. Never carries internals to the client.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public ApiProblem(int status, String field, String detail) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
    }
    this.status = status;
    this.field = field;
  }

  /** 400 for a field. */
  public static ApiProblem badField(String field, String detail) {
    return new ApiProblem(400, field, detail);
  }

  /** 404 for an unknown id. */
  public static ApiProblem notFound(String what, String id) {
    return new ApiProblem(404, null, what + " '" + id + "' does not exist");
  }

  public int status() {
    return status;
  }

  /** The JSON path of the offending field, or null. */
  public String field() {
    return field;
  }
}
