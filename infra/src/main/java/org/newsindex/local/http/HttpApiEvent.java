package org.newsindex.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the API Gateway HTTP API payload format 2.0 event for a request: headers lower-cased with
 * repeated values joined by commas (and the forwarding headers API Gateway sets), cookies taken out
 * of the cookie header, the query string as received and its parameters decoded and comma-joined,
 * and a body that is not text base64-encoded.
 */
final class HttpApiEvent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TEXT_MEDIA_TYPES =
      Set.of("application/json", "application/xml", "application/javascript");
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HttpApiEvent() {}

  /** Where the request arrived: the API, its stage, and the ids API Gateway assigns. */
  record Gateway(
      String accountId, String apiId, String stage, String requestId, Instant time, int port) {}

  static String json(HttpApiRequest request, RouteMatch match, Gateway gateway) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    request
        .headers()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                values.forEach(value -> cookies.addAll(splitCookies(value)));
              } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
              }
            });
    // API Gateway appends the caller to a forwarded-for chain the client sent, and states the
    // port, protocol and body length itself: it has read the whole body, so no chunked framing.
    String forwardedFor = headers.get("x-forwarded-for");
    headers.put(
        "x-forwarded-for",
        forwardedFor == null ? request.sourceIp() : forwardedFor + ", " + request.sourceIp());
    headers.put("x-forwarded-port", Integer.toString(gateway.port()));
    headers.put("x-forwarded-proto", "http");
    headers.putIfAbsent("x-amzn-trace-id", traceId(gateway));
    headers.put("content-length", Integer.toString(request.body().length));
    headers.remove("transfer-encoding");

    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", match.route().routeKey());
    String rawPath =
        gateway.stage().equals("$default")
            ? request.path()
            : "/" + gateway.stage() + request.path();
    event.put("rawPath", rawPath);
    event.put("rawQueryString", request.rawQueryString());
    if (!cookies.isEmpty()) {
      cookies.forEach(event.putArray("cookies")::add);
    }
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach(headerNode::put);
    Map<String, String> query = queryParameters(request.rawQueryString());
    if (!query.isEmpty()) {
      ObjectNode queryNode = event.putObject("queryStringParameters");
      query.forEach(queryNode::put);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", gateway.accountId());
    context.put("apiId", gateway.apiId());
    String domain = headers.getOrDefault("host", "127.0.0.1:" + gateway.port());
    context.put("domainName", domain);
    context.put("domainPrefix", domainPrefix(domain));
    ObjectNode http = context.putObject("http");
    http.put("method", request.method());
    http.put("path", rawPath);
    http.put("protocol", request.protocol());
    http.put("sourceIp", request.sourceIp());
    http.put("userAgent", headers.getOrDefault("user-agent", ""));
    context.put("requestId", gateway.requestId());
    context.put("routeKey", match.route().routeKey());
    context.put("stage", gateway.stage());
    context.put("time", REQUEST_TIME.format(gateway.time()));
    context.put("timeEpoch", gateway.time().toEpochMilli());
    if (!match.pathParameters().isEmpty()) {
      ObjectNode parameters = event.putObject("pathParameters");
      match.pathParameters().forEach(parameters::put);
    }
    boolean base64 = false;
    if (request.body().length > 0) {
      String text = textBody(request.body(), headers.get("content-type"));
      base64 = text == null;
      event.put("body", base64 ? Base64.getEncoder().encodeToString(request.body()) : text);
    }
    event.put("isBase64Encoded", base64);
    return event.toString();
  }

  static Map<String, String> queryParameters(String rawQueryString) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQueryString.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQueryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static List<String> splitCookies(String header) {
    List<String> cookies = new ArrayList<>();
    for (String cookie : header.split(";")) {
      if (!cookie.isBlank()) {
        cookies.add(cookie.trim());
      }
    }
    return cookies;
  }

  /**
   * The body as text if its media type is one an HTTP API passes as text ({@code text/*}, JSON, XML
   * or JavaScript) and it is valid UTF-8; else null, for base64. A body with no content type, or a
   * form ({@code application/x-www-form-urlencoded}), is base64-encoded, as API Gateway does.
   */
  private static String textBody(byte[] body, String contentType) {
    if (contentType == null || !isTextual(contentType)) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isTextual(String contentType) {
    int parameters = contentType.indexOf(';');
    String mediaType =
        (parameters < 0 ? contentType : contentType.substring(0, parameters))
            .trim()
            .toLowerCase(Locale.ROOT);
    return mediaType.startsWith("text/") || TEXT_MEDIA_TYPES.contains(mediaType);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static String domainPrefix(String domain) {
    String host = domain.contains(":") ? domain.substring(0, domain.lastIndexOf(':')) : domain;
    if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      return host;
    }
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }

  private static String traceId(Gateway gateway) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%08x%016x",
        gateway.time().getEpochSecond(), random.nextInt(), random.nextLong());
  }
}
