package org.newsindex.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The files the query function serves from its jar: the built contract and the search page. */
class StaticEndpointsTest {

  @Test
  void contractBuiltFromTheYamlIsServedAsJson() throws Exception {
    ApiResponse response =
        new OpenApiEndpoint().handle(ApiRequest.of("GET", "/openapi.json", null));

    assertEquals(200, response.status());
    assertEquals("application/json; charset=utf-8", response.headers().get("content-type"));
    JsonNode contract = Json.MAPPER.readTree(response.body());
    assertEquals("3.1.0", contract.get("openapi").asText());
    assertTrue(contract.get("paths").has("/search"), "the paths come from openapi.yaml");
  }

  @Test
  void contractTakesNoParameters() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                new OpenApiEndpoint().handle(ApiRequest.of("GET", "/openapi.json", "format=yaml")));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("takes no parameters"), e.getMessage());
  }

  @Test
  void pageIsServedWithAPolicyThatAllowsOnlyItsOwnFiles() {
    ApiResponse page = new SearchPageEndpoint().page();

    assertEquals("text/html; charset=utf-8", page.headers().get("content-type"));
    assertTrue(page.headers().get("content-security-policy").contains("script-src 'self'"));
    assertTrue(page.body().contains("<script src=\"assets/search.js\" defer></script>"));
  }

  @Test
  void assetsHaveTheirContentTypesAndUnknownOnesAreNotFound() {
    SearchPageEndpoint endpoint = new SearchPageEndpoint();
    ApiRequest request = ApiRequest.of("GET", "/assets/x", null);

    assertEquals(
        "text/javascript; charset=utf-8",
        endpoint.asset(request, "search.js").headers().get("content-type"));
    assertEquals(
        "text/css; charset=utf-8",
        endpoint.asset(request, "search.css").headers().get("content-type"));
    ApiException missing =
        assertThrows(ApiException.class, () -> endpoint.asset(request, "../openapi.json"));
    assertEquals(404, missing.status());
  }
}
