package org.newsindex.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
  private static int status(String requestLine, List<String> headerValues) {
    return RequestLimits.checkHead(requestLine, headerValues)
        .map(HttpApiResponse::status)
        .orElse(0);
  }

  @Test
  void requestLineAndHeaderValuesCountTogetherUpTo10240Bytes() {
    String line = "GET /" + "a".repeat(100) + " HTTP/1.1";
    String fill = "v".repeat(10_240 - line.length() - 1);

    assertEquals(0, status(line, List.of("x", fill)));
    assertEquals(431, status(line, List.of("xy", fill)));
  }

  @Test
  void requestLineAloneOverTheLimitIs414WhateverTheHeaders() {
    assertEquals(414, status("GET /" + "a".repeat(10_240) + " HTTP/1.1", List.of()));
  }

  @Test
  void bytesAreCountedInUtf8NotInCharacters() {
    // 5,000 two-byte characters: 5,000 characters, 10,000 bytes.
    String line = "GET /?q=" + "é".repeat(5_000) + " HTTP/1.1";

    assertEquals(0, status(line, List.of()));
    assertEquals(431, status(line, List.of("v".repeat(10_240 - 10_000 - 17 + 1))));
    assertEquals(414, status("GET /?q=" + "€".repeat(3_414) + " HTTP/1.1", List.of()));
  }

  @Test
  void bodiesUpToTenMegabytesAndEventsUpToSixAreAccepted() {
    assertTrue(RequestLimits.checkBody(10 * 1024 * 1024).isEmpty());
    assertEquals(413, RequestLimits.checkBody(10 * 1024 * 1024 + 1).orElseThrow().status());
    assertTrue(RequestLimits.checkEvent("a".repeat(6 * 1024 * 1024)).isEmpty());
    assertEquals(
        413, RequestLimits.checkEvent("é".repeat(3 * 1024 * 1024 + 1)).orElseThrow().status());
  }
}
