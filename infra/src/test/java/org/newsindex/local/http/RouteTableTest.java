package org.newsindex.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.HttpRouteSpec;

class RouteTableTest {
  private static HttpRouteSpec route(String method, String path) {
    return new HttpRouteSpec("Fn", method + path, "Api", method, path);
  }

  private static final List<HttpRouteSpec> ROUTES =
      List.of(
          route("ANY", "/{proxy+}"),
          route("GET", "/items/{id}"),
          route("ANY", "/items/special"),
          route("GET", "/items/{id}/parts/{part}"),
          route("GET", "/files/{path+}"),
          route("GET", "/files/readme"),
          route("GET", "/"),
          route("POST", "/items/{id}"),
          route("ANY", "/items/{id}"));

  private final RouteTable table = new RouteTable(ROUTES);

  private String routeKey(String method, String path) {
    return table.match(method, path).map(m -> m.route().routeKey()).orElse("none");
  }

  @Test
  void literalSegmentBeatsParameterWhateverTheMethod() {
    assertEquals("ANY /items/special", routeKey("GET", "/items/special"));
  }

  @Test
  void parameterBeatsGreedyAndSpecificMethodBeatsAny() {
    assertEquals("GET /items/{id}", routeKey("GET", "/items/42"));
    assertEquals("POST /items/{id}", routeKey("POST", "/items/42"));
    assertEquals("ANY /items/{id}", routeKey("DELETE", "/items/42"));
  }

  @Test
  void greedyParameterTakesOneOrMoreSegments() {
    RouteMatch match = table.match("GET", "/files/a/b/c.txt").orElseThrow();

    assertEquals("GET /files/{path+}", match.route().routeKey());
    assertEquals(Map.of("path", "a/b/c.txt"), match.pathParameters());
    assertEquals("GET /files/readme", routeKey("GET", "/files/readme"));
    assertEquals("ANY /{proxy+}", routeKey("GET", "/files"));
  }

  @Test
  void severalParametersAreAllCaptured() {
    assertEquals(
        Map.of("id", "7", "part", "wheel"),
        table.match("GET", "/items/7/parts/wheel").orElseThrow().pathParameters());
  }

  @Test
  void rootIsItsOwnRoute() {
    assertEquals("GET /", routeKey("GET", "/"));
    assertEquals("ANY /{proxy+}", routeKey("POST", "/anything/else"));
  }

  @Test
  void defaultRouteTakesWhatNothingElseMatches() {
    List<HttpRouteSpec> routes = new ArrayList<>(List.of(route("GET", "/search")));
    routes.add(new HttpRouteSpec("Fn", "Fallback", "Api", "ANY", HttpRouteSpec.DEFAULT_ROUTE));
    RouteTable withDefault = new RouteTable(routes);

    assertEquals(
        "GET /search", withDefault.match("GET", "/search").orElseThrow().route().routeKey());
    assertEquals("$default", withDefault.match("POST", "/search").orElseThrow().route().routeKey());
    assertEquals("$default", withDefault.match("GET", "/search/").orElseThrow().route().routeKey());
  }

  @Test
  void withoutDefaultRouteAnUnmatchedRequestFindsNothing() {
    assertTrue(new RouteTable(List.of(route("GET", "/search"))).match("GET", "/other").isEmpty());
  }
}
