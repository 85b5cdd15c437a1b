package org.newsindex.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * GETs against a stack's HTTP API. The request can go to one address while naming another host
 * (LocalStack routes function URLs and API Gateway by host name, which need not resolve here; the
 * JDK allows it with {@code -Djdk.httpclient.allowRestrictedHeaders=host}, which the build sets),
 * and can carry a bearer token for an API behind a JWT authorizer.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status and parsed JSON body. */
  record Answer(int status, JsonNode body) {}

  private final String base;
  private final Optional<String> host;
  private final Optional<String> bearerToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param base where requests go, e.g. {@code https://abc.execute-api.eu-west-1.amazonaws.com/v1}
   * @param host the Host header to send instead of base's, if any
   */
  ApiClient(URI base, Optional<String> host, Optional<String> bearerToken) {
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.host = host;
    this.bearerToken = bearerToken;
  }

  Answer get(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .GET();
    host.ifPresent(h -> request.header("Host", h));
    bearerToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + base + pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
