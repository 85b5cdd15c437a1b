package org.newsindex.local.http;

import java.util.Map;
import org.newsindex.local.template.HttpRouteSpec;

/** The route a request landed on and the path parameters taken from the request path. */
record RouteMatch(HttpRouteSpec route, Map<String, String> pathParameters) {}
