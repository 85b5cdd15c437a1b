package org.newsindex.local.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty side of the local HTTP API: takes each request as it was sent (raw path and query
 * string, every header), refuses what is over API Gateway's request limits, hands the rest to the
 * gateway and writes its answer.
 */
final class HttpApiHandler extends AbstractHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);

  private final Function<HttpApiRequest, HttpApiResponse> gateway;

  HttpApiHandler(Function<HttpApiRequest, HttpApiResponse> gateway) {
    this.gateway = gateway;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    HttpApiResponse answer;
    try {
      answer = answer(baseRequest);
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed in the gateway", baseRequest.getMethod(), baseRequest.getHttpURI(), e);
      answer = GatewayErrors.internalServerError();
    }
    send(response, answer, baseRequest.getMethod().equalsIgnoreCase("HEAD"));
  }

  private HttpApiResponse answer(Request request) throws IOException {
    HttpURI uri = request.getHttpURI();
    String rawPath = Optional.ofNullable(uri.getPath()).filter(p -> !p.isEmpty()).orElse("/");
    String rawQuery = uri.getQuery();
    String requestLine =
        request.getMethod()
            + " "
            + rawPath
            + (rawQuery == null ? "" : "?" + rawQuery)
            + " "
            + request.getProtocol();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    List<String> values = new ArrayList<>();
    for (HttpField field : request.getHttpFields()) {
      String value = utf8(field.getValue());
      headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(value);
      values.add(value);
    }
    Optional<HttpApiResponse> refusal = RequestLimits.checkHead(requestLine, values);
    if (refusal.isPresent()) {
      LOG.debug("{}...: refused, the request line and headers are too large", request.getMethod());
      return refusal.get();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(RequestLimits.PAYLOAD_BYTES + 1);
    }
    refusal = RequestLimits.checkBody(body.length);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return gateway.apply(
        new HttpApiRequest(
            request.getMethod().toUpperCase(Locale.ROOT),
            decodePath(rawPath),
            rawQuery == null ? "" : rawQuery,
            headers,
            body,
            request.getRemoteAddr(),
            request.getProtocol()));
  }

  private static void send(HttpServletResponse response, HttpApiResponse answer, boolean head)
      throws IOException {
    response.setStatus(answer.status());
    answer
        .headers()
        .forEach(
            (name, values) -> {
              // The gateway frames the body itself, as API Gateway does.
              if (!name.equalsIgnoreCase("content-length")
                  && !name.equalsIgnoreCase("transfer-encoding")) {
                values.forEach(value -> response.addHeader(name, value));
              }
            });
    response.setContentLength(answer.body().length);
    if (!head && answer.body().length > 0) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(answer.body());
      }
    }
  }

  /**
   * A header value as the UTF-8 text it was sent as: Jetty reads header bytes as ISO-8859-1. Bytes
   * that are not UTF-8 are left as Jetty read them.
   */
  private static String utf8(String latin1) {
    if (latin1.chars().allMatch(c -> c < 0x80)) {
      return latin1;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return latin1;
    }
  }

  /** Percent-decodes a path as HTTP APIs do; unlike in a query string, {@code +} stays a plus. */
  private static String decodePath(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawPath;
    }
  }
}
