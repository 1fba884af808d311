package dev.nudge.data.fetch;

/**
 * A data set could not be fetched: the server answered with an error, the connection failed, a
 * checksum did not match or an archive was unsafe to unpack. The message names the URL or file and
 * the reason; when it is thrown nothing partial is left in the target folder.
 */
public final class FetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FetchException(String message) {
    super(message);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
