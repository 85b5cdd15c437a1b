package org.newsindex.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query strings as the API reads them: decoded once, refused only when a parameter is read. */
class ApiRequestTest {
  @Test
  void aQueryStringThatDoesNotDecodeIsRefusedWhenAParameterIsRead() {
    ApiRequest request = ApiRequest.of("GET", "/search", "q=%G1&limit=5");

    ApiException refused = assertThrows(ApiException.class, () -> request.single("limit"));

    assertEquals(400, refused.status());
    assertEquals("bad_request", refused.code());
    assertEquals("the query string is not valid URL encoding: '%G1'", refused.getMessage());
    assertThrows(ApiException.class, () -> request.allowOnly(List.of("q", "limit")));
  }

  @Test
  void aQueryStringThatDecodesGivesItsParameters() {
    ApiRequest request = ApiRequest.of("get", "/search", "q=a%CC%81+b&kind=article&kind=headline");

    assertEquals("GET", request.method());
    assertEquals(Optional.of("a\u0301 b"), request.single("q"));
    assertEquals(List.of("article", "headline"), request.all("kind"));
  }
}
