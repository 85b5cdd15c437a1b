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
}
