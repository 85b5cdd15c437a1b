package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI contract: it is a valid OpenAPI 3.1 document, the function serves its YAML source as
 * JSON, and the check every test's requests go through fails on a body, a status or a content type
 * the contract does not describe.
 */
class ApiContractTest {
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  @Test
  void servedContractIsTheYamlSourceAsJson() {
    TestCloud.Answer served = cloud.get("/openapi.json");

    assertEquals(200, served.status());
    assertEquals(TestCloud.CONTRACT.document(), served.body());
    assertEquals("3.1.0", served.body().get("openapi").asText());
  }

  @Test
  void contractIsAValidOpenApi31Document() throws IOException {
    Schema openApi31;
    try (InputStream in = ApiContractTest.class.getResourceAsStream("/oas-3.1-schema.json")) {
      openApi31 =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    ObjectNode contract = (ObjectNode) TestCloud.CONTRACT.document();

    assertEquals(List.of(), openApi31.validate(contract).stream().map(Error::toString).toList());
    contract.remove("info");
    assertFalse(
        openApi31.validate(contract).isEmpty(),
        "the OpenAPI schema must refuse a document without info");
  }

  @Test
  void everyRouteOfTheApiIsDescribed() {
    JsonNode paths = TestCloud.CONTRACT.document().get("paths");
    for (String path :
        new String[] {
          "/search",
          "/documents/{id}",
          "/sources",
          "/sources/{key}",
          "/suggest",
          "/health",
          "/openapi.json",
          "/",
          "/assets/{file}"
        }) {
      assertTrue(paths.has(path), path + " is missing from the contract");
    }
  }

  @Test
  void aBodyChangedFromARealOneFailsTheCheck() {
    TestCloud.Answer real = cloud.get("/search?q=istanbul");
    String path = "/search?q=istanbul";
    assertDoesNotThrow(() -> check(path, 200, real.text()));

    assertFails(path, 200, real.body(), b -> b.remove("total"), "total");
    assertFails(
        path,
        200,
        real.body(),
        b -> ((ObjectNode) b.get("results").get(0)).put("score", "high"),
        "score");
    assertFails(
        path,
        200,
        real.body(),
        b -> ((ObjectNode) b.get("results").get(0)).put("kind", "video"),
        "kind");
    assertFails(
        path,
        200,
        real.body(),
        b -> ((ObjectNode) b.get("results").get(0)).put("ingested_at", "yesterday"),
        "ingested_at");
    assertFails(path, 200, real.body(), b -> b.put("debug", true), "debug");
  }

  @Test
  void anErrorBodyMustHaveTheErrorShape() {
    TestCloud.Answer real = cloud.get("/documents/hffffffffffffffff");
    assertEquals(404, real.status());

    assertFails(
        "/documents/hffffffffffffffff",
        404,
        real.body(),
        b -> ((ObjectNode) b.get("error")).remove("message"),
        "message");
  }

  @Test
  void undocumentedStatusOrContentTypeFailsTheCheck() {
    String body = cloud.get("/health").text();

    AssertionError status = assertThrows(AssertionError.class, () -> check("/health", 418, body));
    assertTrue(
        status.getMessage().contains("418")
            && status.getMessage().contains("documented: 200, 400, 500"),
        status.getMessage());
    AssertionError type =
        assertThrows(
            AssertionError.class,
            () -> TestCloud.CONTRACT.check("GET", "/health", 200, "text/plain", body));
    assertTrue(type.getMessage().contains("text/plain"), type.getMessage());
  }

  @Test
  void requestsWithoutAnOperationMustGetTheFallbackErrors() {
    TestCloud.Answer unknown = cloud.get("/nowhere");
    assertEquals(404, unknown.status());

    AssertionError wrong =
        assertThrows(AssertionError.class, () -> check("/nowhere", 200, "{\"ok\":true}"));
    assertTrue(wrong.getMessage().contains("matches no path"), wrong.getMessage());
    String notAllowed =
        "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"POST is not supported\"}}";
    assertDoesNotThrow(
        () -> TestCloud.CONTRACT.check("POST", "/search", 405, JSON_TYPE, notAllowed));
    assertThrows(
        AssertionError.class,
        () -> TestCloud.CONTRACT.check("POST", "/search", 200, JSON_TYPE, "{}"));
  }

  @Test
  void searchPageAndItsAssetsAreServed() {
    TestCloud.Answer page = cloud.get("/?q=istanbul");
    TestCloud.Answer script = cloud.get("/assets/search.js");
    TestCloud.Answer style = cloud.get("/assets/search.css");

    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(
        page.text().contains("assets/search.js") && page.text().contains("assets/search.css"),
        page.text());
    assertTrue(script.contentType().startsWith("text/javascript"), script.contentType());
    assertTrue(script.text().contains("api('suggest'"), "the script calls the API");
    assertTrue(style.contentType().startsWith("text/css"), style.contentType());
    assertEquals(404, cloud.get("/assets/missing.js").status());
    assertEquals(400, cloud.get("/assets/search.js?v=1").status());
  }

  private static void check(String path, int status, String body) {
    TestCloud.CONTRACT.check("GET", path, status, JSON_TYPE, body);
  }

  private static void assertFails(
      String path, int status, JsonNode real, Consumer<ObjectNode> change, String field) {
    ObjectNode changed = real.deepCopy();
    change.accept(changed);
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> check(path, status, changed.toString()),
            "the check should refuse a body whose " + field + " was changed");
    assertTrue(
        error.getMessage().contains(field),
        "the message should name " + field + ": " + error.getMessage());
  }
}
