package org.newsindex.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's OpenAPI contract ({@code functions/src/main/openapi/openapi.yaml}, the YAML the served
 * JSON is built from) as a test oracle: a response must have a status the contract documents for
 * the operation its method and path match, a documented content type, and a body that validates
 * against that response's schema (JSON Schema 2020-12, checked by networknt's validator). Requests
 * the contract has no operation for must get its {@code x-unmatched-responses}; what API Gateway
 * refuses by itself before any route (a request line over its limit, say), answering its own {@code
 * {"message": ...}}, must be one of its {@code x-gateway-responses}.
 */
final class ApiContract {
  /**
   * The spec's base IRI for its {@code $ref}s; it is never fetched: the registry maps it to the
   * file.
   */
  private static final String SPEC_IRI = "https://newsindex.invalid/openapi.json";

  private static final int MAX_BODY_IN_MESSAGE = 600;

  private record Route(String template, Pattern pattern, JsonNode item) {}

  private final JsonNode spec;
  private final List<Route> routes;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private ApiContract(JsonNode spec) {
    this.spec = spec;
    this.routes = routes(spec.path("paths"));
    String text = spec.toString();
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    // The document's own fields (openapi, paths, components...) are not schema keywords: say so,
    // rather than have the validator warn about each when it reads the document around a schema.
    List<NonValidationKeyword> documentFields = new ArrayList<>();
    spec.fieldNames().forEachRemaining(name -> documentFields.add(new NonValidationKeyword(name)));
    Dialect dialect = Dialect.builder(Dialects.getOpenApi31()).keywords(documentFields).build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            dialect, b -> b.schemaRegistryConfig(config).schemas(Map.of(SPEC_IRI, text)));
  }

  static Path source(Path projectDir) {
    return projectDir.resolve("functions/src/main/openapi/openapi.yaml");
  }

  static ApiContract load(Path yaml) {
    try {
      return new ApiContract(new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI contract " + yaml, e);
    }
  }

  /** The contract as a JSON tree, as the build converts it. */
  JsonNode document() {
    return spec.deepCopy();
  }

  /**
   * Checks one HTTP exchange against the contract, throwing an {@link AssertionError} that says
   * what does not match.
   *
   * @param pathAndQuery the request's path and query as sent (percent-encoded, or with the raw
   *     characters a client put there)
   */
  void check(String method, String pathAndQuery, int status, String contentType, String body) {
    String request = method + " " + pathAndQuery;
    String path = routedPath(pathAndQuery);
    Optional<Route> route =
        routes.stream().filter(r -> r.pattern().matcher(path).matches()).findFirst();
    String responsePointer;
    String gatewayPointer = "/x-gateway-responses/" + status;
    if (!spec.at(gatewayPointer).isMissingNode() && fromTheGateway(body)) {
      responsePointer = gatewayPointer;
    } else if (route.isEmpty() && !method.equals("GET") && !method.equals("HEAD")) {
      // "Any method but GET and HEAD, on any path": the method is refused before the path.
      responsePointer =
          expectUnmatched(
              "unsupported-method", request, "uses a method no path supports", status, 405);
    } else if (route.isEmpty()) {
      responsePointer =
          expectUnmatched("unknown-path", request, "matches no path of the contract", status, 404);
    } else {
      JsonNode operation = route.get().item().path(method.toLowerCase(Locale.ROOT));
      if (operation.isMissingNode()) {
        responsePointer =
            expectUnmatched(
                "unsupported-method",
                request,
                "has no operation in the contract's path " + route.get().template(),
                status,
                405);
      } else {
        responsePointer =
            documentedResponse(route.get().template(), method, operation, status, request, body);
      }
    }
    String resolved = resolve(responsePointer);
    JsonNode content = spec.at(resolved).path("content");
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (content.isMissingNode()) {
      if (!body.isEmpty()) {
        throw new AssertionError(
            request
                + " answered "
                + status
                + " with a body, but the contract documents none: "
                + abbreviate(body));
      }
      return;
    }
    if (!content.has(mediaType)) {
      throw new AssertionError(
          request
              + " answered "
              + status
              + " with content type '"
              + contentType
              + "'; the contract documents "
              + fieldNames(content)
              + " ("
              + resolved
              + ")");
    }
    String schemaPointer = resolved + "/content/" + escape(mediaType) + "/schema";
    JsonNode instance = instance(mediaType, body, request, status);
    List<Error> errors = schema(schemaPointer).validate(instance);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          request
              + " answered "
              + status
              + " with a body that does not match the contract ("
              + schemaPointer
              + "):\n  "
              + errors.stream().map(Error::toString).collect(Collectors.joining("\n  "))
              + "\nbody: "
              + abbreviate(body));
    }
  }

  private String documentedResponse(
      String template, String method, JsonNode operation, int status, String request, String body) {
    JsonNode responses = operation.path("responses");
    String base =
        "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/";
    for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
      if (responses.has(key)) {
        return base + escape(key);
      }
    }
    throw new AssertionError(
        request
            + " answered "
            + status
            + ", which the contract does not document for "
            + method
            + " "
            + template
            + " (documented: "
            + fieldNames(responses)
            + "); body: "
            + abbreviate(body));
  }

  private String expectUnmatched(
      String kind, String request, String why, int status, int expected) {
    String pointer = "/x-unmatched-responses/" + kind;
    if (spec.at(pointer).isMissingNode()) {
      throw new AssertionError(request + " " + why + ", and the contract has no " + pointer);
    }
    if (status != expected) {
      throw new AssertionError(
          request + " " + why + "; such a request must answer " + expected + ", not " + status);
    }
    return pointer;
  }

  /** Whether a body is API Gateway's own {@code {"message": ...}} rather than the API's error. */
  private static boolean fromTheGateway(String body) {
    try {
      JsonNode tree = TestCloud.JSON.readTree(body);
      return tree != null && tree.has("message") && !tree.has("error");
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * The path API Gateway matches routes on: the request target's path, percent-decoded (a {@code +}
   * stays a plus); as sent if it does not decode.
   */
  private static String routedPath(String pathAndQuery) {
    int query = pathAndQuery.indexOf('?');
    String raw = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  /** Follows {@code $ref}s from a pointer to the object they name. */
  private String resolve(String pointer) {
    String at = pointer;
    for (int hops = 0; spec.at(at).has("$ref"); hops++) {
      String ref = spec.at(at).get("$ref").asText();
      if (!ref.startsWith("#/") || hops > 10) {
        throw new AssertionError(
            "the contract's $ref '" + ref + "' at " + at + " cannot be followed");
      }
      at = ref.substring(1);
    }
    return at;
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer,
        p -> {
          Schema schema = registry.getSchema(SchemaLocation.of(SPEC_IRI + "#" + p));
          schema.initializeValidators();
          return schema;
        });
  }

  private static JsonNode instance(String mediaType, String body, String request, int status) {
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      return TextNode.valueOf(body);
    }
    try {
      return TestCloud.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          request
              + " answered "
              + status
              + " with "
              + mediaType
              + " that is not JSON: "
              + abbreviate(body),
          e);
    }
  }

  /**
   * Paths as regular expressions, concrete paths before templated ones, as OpenAPI matches them.
   */
  private static List<Route> routes(JsonNode paths) {
    List<Route> routes = new ArrayList<>();
    paths
        .properties()
        .forEach(
            e -> {
              // A path item that is a $ref to another path's is that path's under a second name.
              String ref = e.getValue().path("$ref").asText("");
              String template =
                  ref.startsWith("#/paths/")
                      ? ref.substring("#/paths/".length()).replace("~1", "/").replace("~0", "~")
                      : e.getKey();
              JsonNode item = paths.path(template);
              routes.add(new Route(template, pattern(e.getKey(), item), item));
            });
    routes.sort(Comparator.comparing((Route r) -> r.template().contains("{")));
    return List.copyOf(routes);
  }

  private static Pattern pattern(String template, JsonNode item) {
    StringBuilder regex = new StringBuilder();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      if (open < 0) {
        regex.append(Pattern.quote(template.substring(at)));
        break;
      }
      int close = template.indexOf('}', open);
      regex.append(Pattern.quote(template.substring(at, open)));
      regex.append(greedy(item, template.substring(open + 1, close)) ? "(.+)" : "([^/]+)");
      at = close + 1;
    }
    // DOTALL: a decoded path may hold line terminators (%0A, U+2028), which a key can contain.
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /**
   * Whether a path parameter may span segments ({@code x-greedy}, API Gateway's {@code {key+}}).
   */
  private static boolean greedy(JsonNode item, String name) {
    List<JsonNode> parameters = new ArrayList<>();
    item.path("parameters").forEach(parameters::add);
    item.properties().forEach(op -> op.getValue().path("parameters").forEach(parameters::add));
    return parameters.stream()
        .anyMatch(
            p ->
                p.path("in").asText().equals("path")
                    && p.path("name").asText().equals(name)
                    && p.path("x-greedy").asBoolean(false));
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  private static String abbreviate(String body) {
    return body.length() <= MAX_BODY_IN_MESSAGE
        ? body
        : body.substring(0, MAX_BODY_IN_MESSAGE) + "…";
  }
}
