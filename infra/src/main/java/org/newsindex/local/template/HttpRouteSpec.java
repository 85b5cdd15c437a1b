package org.newsindex.local.template;

/**
 * A route from an {@code HttpApi} event: method (or ANY) and path such as {@code /documents/{id}},
 * or the {@code $default} route when the event gives neither, and how long API Gateway waits for
 * the function ({@code TimeoutInMillis}).
 */
public record HttpRouteSpec(
    String functionLogicalId,
    String eventLogicalId,
    String apiLogicalId,
    String method,
    String path,
    int integrationTimeoutMillis) {
  public static final String DEFAULT_ROUTE = "$default";

  /** An HTTP API's default integration timeout, which is also its maximum. */
  public static final int MAX_INTEGRATION_TIMEOUT_MILLIS = 30_000;

  /** An HTTP API's shortest integration timeout. */
  public static final int MIN_INTEGRATION_TIMEOUT_MILLIS = 50;

  /** A route with the default integration timeout. */
  public HttpRouteSpec(
      String functionLogicalId,
      String eventLogicalId,
      String apiLogicalId,
      String method,
      String path) {
    this(
        functionLogicalId,
        eventLogicalId,
        apiLogicalId,
        method,
        path,
        MAX_INTEGRATION_TIMEOUT_MILLIS);
  }

  public boolean isDefault() {
    return path.equals(DEFAULT_ROUTE);
  }

  /** The route key API Gateway reports, e.g. {@code GET /search} or {@code $default}. */
  public String routeKey() {
    return isDefault() ? DEFAULT_ROUTE : method + " " + path;
  }
}
