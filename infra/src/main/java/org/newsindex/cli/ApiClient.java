package org.newsindex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The search API as the command line calls it: GET a path, get JSON, turn an error answer into one
 * line.
 */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ApiClient(URI base) {
    this.base = base;
  }

  /** An API error answer (4xx): the request was wrong. */
  static final class RejectedRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RejectedRequest(String message) {
      super(message);
    }
  }

  JsonNode get(String pathAndQuery) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(base.resolve(pathAndQuery))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach the API at " + base + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the API answered " + response.statusCode() + " with no JSON");
    }
    if (response.statusCode() >= 400) {
      String message =
          body.path("error")
              .path("message")
              .asText(body.path("message").asText("HTTP " + response.statusCode()));
      if (response.statusCode() < 500) {
        throw new RejectedRequest(message);
      }
      throw new IllegalStateException("the API failed: " + message);
    }
    return body;
  }
}
