package org.newsindex.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsindex.index.KeyText;

/**
 * An HTTP request as the API sees it: method, decoded path, and query parameters (repeatable). A
 * query string that does not decode is refused (400) only when an endpoint reads a parameter, so
 * that a wrong method still gets its 405, an unknown path its 404, and the search page, which
 * ignores the server's parameters, its page.
 *
 * @param queryError why the query string could not be decoded, if it could not
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> parameters,
    Optional<ApiException> queryError) {

  public ApiRequest {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    parameters = copy;
  }

  /** Builds a request from the raw path and query string, decoding both. */
  public static ApiRequest of(String method, String rawPath, String rawQueryString) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    Optional<ApiException> queryError = Optional.empty();
    try {
      parameters = decodeQuery(rawQueryString);
    } catch (ApiException e) {
      queryError = Optional.of(e);
    }
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    return new ApiRequest(
        method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT),
        path,
        parameters,
        queryError);
  }

  private static Map<String, List<String>> decodeQuery(String rawQueryString) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQueryString != null && !rawQueryString.isEmpty()) {
      for (String pair : rawQueryString.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return parameters;
  }

  /** The parameters, or the 400 for a query string that does not decode. */
  private Map<String, List<String>> decoded() {
    if (queryError.isPresent()) {
      throw queryError.get();
    }
    return parameters;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400, "bad_request", "the query string is not valid URL encoding: '" + s + "'");
    }
  }

  /** The single value of a parameter; a 400 if it is given more than once. */
  public Optional<String> single(String name) {
    List<String> values = decoded().getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw new ApiException(
          400,
          "bad_request",
          "parameter '" + name + "' is given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The single value of a parameter that becomes part of a key or a key condition: a 400 past
   * {@code maxBytes} in UTF-8, the unit DynamoDB and S3 count keys in.
   */
  public Optional<String> single(String name, int maxBytes) {
    Optional<String> value = single(name);
    value.ifPresent(v -> checkBytes("parameter '" + name + "'", v, maxBytes));
    return value;
  }

  /** Refuses (400) text over {@code maxBytes} in UTF-8, naming what it is. */
  static void checkBytes(String what, String text, int maxBytes) {
    int bytes = KeyText.utf8Length(text);
    if (bytes > maxBytes) {
      throw ApiException.badRequest(
          String.format(
              "%s is %,d bytes in UTF-8; it may be at most %,d bytes", what, bytes, maxBytes));
    }
  }

  public List<String> all(String name) {
    return decoded().getOrDefault(name, List.of());
  }

  /** Refuses parameters the endpoint does not know, so that a typo is not silently ignored. */
  public void allowOnly(List<String> known) {
    for (String name : decoded().keySet()) {
      if (!known.contains(name)) {
        throw new ApiException(
            400,
            "bad_request",
            "unknown parameter '"
                + name
                + "'; this endpoint takes "
                + (known.isEmpty() ? "no parameters" : String.join(", ", known)));
      }
    }
  }

  public int integer(String name, int fallback) {
    Optional<String> value = single(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get().trim());
    } catch (NumberFormatException e) {
      throw new ApiException(
          400,
          "bad_request",
          "parameter '" + name + "' must be a whole number, got '" + value.get() + "'");
    }
  }
}
