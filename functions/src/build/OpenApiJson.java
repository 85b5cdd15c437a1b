import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A build step, not part of the jar: turns the OpenAPI contract (YAML, the source of truth) into
 * the JSON the query function serves, so the function needs no YAML parser at run time. It refuses
 * a document that is not OpenAPI 3.1 or has a {@code $ref} that points nowhere.
 *
 * <p>Run by Maven with the JDK's source launcher: {@code java -cp <jackson jars> OpenApiJson.java
 * openapi.yaml openapi.json}.
 */
public final class OpenApiJson {
  private OpenApiJson() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: OpenApiJson <openapi.yaml> <openapi.json>");
    }
    Path yaml = Path.of(args[0]);
    Path json = Path.of(args[1]);
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
    List<String> problems = new ArrayList<>();
    if (spec == null || !spec.path("openapi").asText().startsWith("3.1.")) {
      problems.add("'openapi' must be 3.1.x");
    } else {
      checkRefs(spec, spec, "#", problems);
    }
    if (!problems.isEmpty()) {
      System.err.println(yaml + " is not a usable OpenAPI document:");
      problems.forEach(p -> System.err.println("  " + p));
      System.exit(1);
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, new ObjectMapper().writeValueAsString(spec));
  }

  private static void checkRefs(JsonNode root, JsonNode node, String at, List<String> problems) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String path = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
          String ref = field.getValue().asText();
          if (!ref.startsWith("#/") || root.at(ref.substring(1)).isMissingNode()) {
            problems.add(path + ": " + ref + " does not point into this document");
          }
        } else {
          checkRefs(root, field.getValue(), path, problems);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkRefs(root, node.get(i), at + "/" + i, problems);
      }
    }
  }
}
