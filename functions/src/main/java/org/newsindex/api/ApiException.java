package org.newsindex.api;

/** An error the API answers with a status, a stable code and a message that says what to do. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** A search that would read more than a request may (a 400: narrow it to get an answer). */
  public static ApiException tooBroad(String message) {
    return new ApiException(400, "too_broad", message);
  }

  /** A request still running when the invocation's time was up (a 503: try again). */
  public static ApiException timeout(String message) {
    return new ApiException(503, "timeout", message);
  }
}
