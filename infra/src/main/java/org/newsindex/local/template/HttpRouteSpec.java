package org.newsindex.local.template;

/**
 * A route from an {@code HttpApi} event: method (or ANY) and path such as {@code /documents/{id}},
 * or the {@code $default} route when the event gives neither.
 */
public record HttpRouteSpec(
    String functionLogicalId,
    String eventLogicalId,
    String apiLogicalId,
    String method,
    String path) {
  public static final String DEFAULT_ROUTE = "$default";

  public boolean isDefault() {
    return path.equals(DEFAULT_ROUTE);
  }

  /** The route key API Gateway reports, e.g. {@code GET /search} or {@code $default}. */
  public String routeKey() {
    return isDefault() ? DEFAULT_ROUTE : method + " " + path;
  }
}
