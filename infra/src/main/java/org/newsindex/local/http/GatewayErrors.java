package org.newsindex.local.http;

import org.eclipse.jetty.http.HttpStatus;

/**
 * The errors an HTTP API answers by itself, each a JSON {@code {"message": "..."}} as API Gateway
 * sends them: with the wording API Gateway uses where it is known, else the status's reason phrase.
 */
final class GatewayErrors {
  private GatewayErrors() {}

  static HttpApiResponse notFound() {
    return HttpApiResponse.message(404, "Not Found");
  }

  /** A failed function, a response API Gateway cannot use, or a route with no function. */
  static HttpApiResponse internalServerError() {
    return HttpApiResponse.message(500, "Internal Server Error");
  }

  /** The function did not answer within the route's integration timeout. */
  static HttpApiResponse serviceUnavailable() {
    return HttpApiResponse.message(503, "Service Unavailable");
  }

  /** The request line alone is over API Gateway's limit on request line plus header values. */
  static HttpApiResponse requestLineTooLong() {
    return HttpApiResponse.message(
        414, "An HTTP line is larger than " + RequestLimits.HEAD_BYTES + " bytes.");
  }

  /** The request line and the header values together are over API Gateway's limit. */
  static HttpApiResponse headersTooLarge() {
    return HttpApiResponse.message(
        431, "HTTP header is larger than " + RequestLimits.HEAD_BYTES + " bytes.");
  }

  /** The body is over API Gateway's payload limit. */
  static HttpApiResponse payloadTooLarge() {
    return HttpApiResponse.message(
        413, "HTTP content length exceeded " + RequestLimits.PAYLOAD_BYTES + " bytes.");
  }

  /** The event is over Lambda's limit for a synchronous invocation, so Lambda refused it. */
  static HttpApiResponse eventTooLarge() {
    return HttpApiResponse.message(413, "Request Too Long");
  }

  /** A refusal of the HTTP server itself (a malformed request, a request over its hard limits). */
  static HttpApiResponse forStatus(int status) {
    return switch (status) {
      case 413 -> payloadTooLarge();
      case 414 -> requestLineTooLong();
      case 431 -> headersTooLarge();
      default -> {
        String reason = HttpStatus.getMessage(status);
        yield HttpApiResponse.message(status, reason == null ? "Error" : reason);
      }
    };
  }
}
