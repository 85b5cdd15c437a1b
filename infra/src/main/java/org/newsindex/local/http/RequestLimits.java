package org.newsindex.local.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request sizes API Gateway HTTP APIs and Lambda accept, counted as they count them: the
 * request line and the header values together, the body, and the event a function is invoked with,
 * all in UTF-8 bytes.
 */
final class RequestLimits {
  /** "Total combined size of request line and header values" of an HTTP API. */
  static final int HEAD_BYTES = 10_240;

  /** An HTTP API's payload size: 10 MB. */
  static final int PAYLOAD_BYTES = 10 * 1024 * 1024;

  /** Lambda's invocation payload for a synchronous invocation: 6 MB. */
  static final int EVENT_BYTES = 6 * 1024 * 1024;

  private RequestLimits() {}

  /**
   * The refusal for a request head over the limit: 414 if the request line alone is over it, 431 if
   * the header values take it over.
   *
   * @param requestLine e.g. {@code GET /search?q=a HTTP/1.1}
   */
  static Optional<HttpApiResponse> checkHead(String requestLine, Iterable<String> headerValues) {
    long bytes = utf8Length(requestLine);
    if (bytes > HEAD_BYTES) {
      return Optional.of(GatewayErrors.requestLineTooLong());
    }
    for (String value : headerValues) {
      bytes += utf8Length(value);
      if (bytes > HEAD_BYTES) {
        return Optional.of(GatewayErrors.headersTooLarge());
      }
    }
    return Optional.empty();
  }

  static Optional<HttpApiResponse> checkBody(long bytes) {
    return bytes > PAYLOAD_BYTES ? Optional.of(GatewayErrors.payloadTooLarge()) : Optional.empty();
  }

  static Optional<HttpApiResponse> checkEvent(String eventJson) {
    return eventJson.getBytes(StandardCharsets.UTF_8).length > EVENT_BYTES
        ? Optional.of(GatewayErrors.eventTooLarge())
        : Optional.empty();
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
