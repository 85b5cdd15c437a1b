package org.newsindex.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.FunctionSpec;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;
import org.newsindex.local.template.StackSpec;

/**
 * events/env.json and the sample events, as {@code sam local} reads them, agree with the template
 * and with the local cloud they point at.
 */
class SamLocalFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(Files.readString(Project.dir().resolve(file)));
  }

  private static StackSpec localStack() {
    return StackReader.read(
        Project.template(), StackIdentity.local(StackIdentity.DEFAULT_STACK_NAME), Map.of());
  }

  @Test
  void envJsonSetsOnlyVariablesTheTemplateDeclaresForEachFunction() throws IOException {
    StackSpec stack = localStack();
    JsonNode env = read("events/env.json");

    env.fieldNames()
        .forEachRemaining(
            function -> {
              FunctionSpec spec =
                  stack
                      .function(function)
                      .orElseThrow(() -> new AssertionError("no function " + function));
              // SAM CLI silently ignores a variable the template does not declare for the function.
              env.get(function)
                  .fieldNames()
                  .forEachRemaining(
                      variable ->
                          assertTrue(
                              spec.environment().containsKey(variable),
                              function + " does not declare " + variable));
            });
    assertEquals(stack.functions().size(), env.size(), "every function has its entry");
  }

  @Test
  void envJsonNamesTheLocalCloudsTableAndBucket() throws IOException {
    StackSpec stack = localStack();
    JsonNode env = read("events/env.json");

    for (FunctionSpec function : stack.functions()) {
      for (String variable : new String[] {"TABLE_NAME", "BUCKET_NAME"}) {
        if (env.get(function.logicalId()).has(variable)) {
          assertEquals(
              function.environment().get(variable),
              env.get(function.logicalId()).get(variable).asText(),
              function.logicalId() + " " + variable);
        }
      }
    }
  }

  @Test
  void sampleS3EventsNameTheLocalCloudsBucket() throws IOException {
    String bucket = localStack().buckets().get(0).name();

    for (String file : new String[] {"events/s3-put.json", "events/s3-delete.json"}) {
      assertEquals(bucket, read(file).at("/Records/0/s3/bucket/name").asText(), file);
    }
  }
}
