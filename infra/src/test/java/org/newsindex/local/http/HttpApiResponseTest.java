package org.newsindex.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpApiResponseTest {
  private static String body(HttpApiResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void structuredResponseIsUsedFieldByField() throws Exception {
    HttpApiResponse response =
        HttpApiResponse.fromFunctionResult(
            "{\"statusCode\":201,\"headers\":{\"content-type\":\"text/plain\"},"
                + "\"multiValueHeaders\":{\"x-a\":[\"1\",\"2\"]},\"cookies\":[\"s=1\",\"t=2\"],\"body\":\"made\"}");

    assertEquals(201, response.status());
    assertEquals(List.of("text/plain"), response.headers().get("content-type"));
    assertEquals(List.of("1", "2"), response.headers().get("x-a"));
    assertEquals(List.of("s=1", "t=2"), response.headers().get("set-cookie"));
    assertEquals("made", body(response));
  }

  @Test
  void base64BodyIsDecoded() throws Exception {
    HttpApiResponse response =
        HttpApiResponse.fromFunctionResult(
            "{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}");

    assertEquals("hi", body(response));
  }

  @Test
  void objectWithoutStatusCodeBecomesA200WithTheJsonAsBody() throws Exception {
    HttpApiResponse response = HttpApiResponse.fromFunctionResult("{\"hits\":[1,2]}");

    assertEquals(200, response.status());
    assertEquals(List.of("application/json"), response.headers().get("content-type"));
    assertEquals("{\"hits\":[1,2]}", body(response));
  }

  @Test
  void stringResultBecomesTheBodyAsIs() throws Exception {
    HttpApiResponse response = HttpApiResponse.fromFunctionResult("\"ok\"");

    assertEquals(200, response.status());
    assertEquals("ok", body(response));
  }

  @Test
  void resultThatIsNotJsonOrHasABadStatusIsRejected() {
    assertThrows(Exception.class, () -> HttpApiResponse.fromFunctionResult("not json"));
    assertThrows(
        IllegalArgumentException.class,
        () -> HttpApiResponse.fromFunctionResult("{\"statusCode\":\"abc\"}"));
  }
}
