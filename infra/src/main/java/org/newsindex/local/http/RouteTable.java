package org.newsindex.local.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsindex.local.template.HttpRouteSpec;

/**
 * Chooses the route for a request as API Gateway HTTP APIs do: the most specific matching path wins
 * (literal over {@code {name}} over greedy {@code {name+}}), a route for the request's method beats
 * {@code ANY}, and the {@code $default} route takes whatever nothing else matched.
 */
final class RouteTable {
  private record Entry(HttpRouteSpec route, PathTemplate template) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Optional<HttpRouteSpec> fallback;

  RouteTable(List<HttpRouteSpec> routes) {
    HttpRouteSpec defaultRoute = null;
    for (HttpRouteSpec route : routes) {
      if (route.isDefault()) {
        defaultRoute = route;
      } else {
        entries.add(new Entry(route, new PathTemplate(route.path())));
      }
    }
    Comparator<Entry> byPath = (a, b) -> a.template().compareSpecificity(b.template());
    entries.sort(byPath.thenComparing(e -> e.route().method().equals("ANY")));
    this.fallback = Optional.ofNullable(defaultRoute);
  }

  /**
   * @param method the request method, upper case
   * @param path the request path, percent-decoded, without a stage prefix
   */
  Optional<RouteMatch> match(String method, String path) {
    for (Entry entry : entries) {
      String routeMethod = entry.route().method();
      if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
        continue;
      }
      Optional<Map<String, String>> parameters = entry.template().match(path);
      if (parameters.isPresent()) {
        return Optional.of(new RouteMatch(entry.route(), parameters.get()));
      }
    }
    return fallback.map(route -> new RouteMatch(route, Map.of()));
  }
}
