package org.newsindex.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.CloudFormationYaml;
import org.newsindex.local.template.StackIdentity;
import org.newsindex.local.template.StackReader;

/**
 * The template's constraints on CursorSigningKey, applied as CloudFormation applies them (lengths
 * in characters, AllowedPattern as a Java regular expression matching the whole value): the public
 * development key of events/env.json and placeholders are refused, generated keys accepted.
 */
class TemplateSigningKeyTest {
  /** The outputs of {@code openssl rand -hex 32} and {@code openssl rand -base64 32}, once. */
  private static final List<String> GENERATED =
      List.of(
          "b3dd6c6b14d57b8e70f32a836d0030ec8d197ecb060a9d7850c2dac4c4dbbfbd",
          "EGRfqpVw6rxgkI4ANQOuLL//CdvuWGmBmX87UOAN7tE=");

  private static Map<?, ?> declaration() throws IOException {
    Map<String, Object> template = CloudFormationYaml.parse(Files.readString(Project.template()));
    return (Map<?, ?>) ((Map<?, ?>) template.get("Parameters")).get("CursorSigningKey");
  }

  /** Why CloudFormation would refuse the value for CursorSigningKey; empty if it accepts it. */
  private static Optional<String> refusal(String value) throws IOException {
    Map<?, ?> declaration = declaration();
    Object minLength = declaration.get("MinLength");
    if (minLength != null && value.length() < Integer.parseInt(String.valueOf(minLength))) {
      return Optional.of("shorter than MinLength " + minLength);
    }
    Object pattern = declaration.get("AllowedPattern");
    if (pattern != null && !Pattern.compile(String.valueOf(pattern)).matcher(value).matches()) {
      return Optional.of("does not match AllowedPattern");
    }
    return Optional.empty();
  }

  @Test
  void theDevelopmentKeyOfEnvJsonIsRefused() throws IOException {
    String developmentKey =
        new ObjectMapper()
            .readTree(Files.readString(Project.dir().resolve("events/env.json")))
            .at("/QueryFunction/CURSOR_SIGNING_KEY")
            .asText();

    assertEquals("local-development-key-not-a-secret-0123456789", developmentKey);
    assertEquals(Optional.of("does not match AllowedPattern"), refusal(developmentKey));
  }

  @Test
  void shortRepetitiveOrPlaceholderKeysAreRefused() throws IOException {
    assertEquals(
        Optional.of("shorter than MinLength 32"), refusal("b3dd6c6b14d57b8e70f32a836d0030e"));
    for (String key :
        List.of(
            "k".repeat(32),
            "b3dd6c6b14d57b8e00000000d0030ec8d197ecb060a9d7850c2dac4c4dbbfbd",
            "b3dd6c6b14d57b8e70f32a836d0030ec 8d197ecb060a9d7850c2dac4c4dbbfbd",
            "my-cursor-signing-SECRET-0123456789abcdef",
            "change-me-before-deploying-0123456789",
            "example-key-example-key-example-key",
            "placeholder-placeholder-placeholder",
            "password-password-password-password",
            "another-development-key-0123456789abcdef")) {
      assertTrue(refusal(key).isPresent(), key);
    }
  }

  @Test
  void generatedKeysAreAcceptedAndSoIsTheLocalCloudsOwn() throws IOException {
    String localCloudKey =
        StackReader.read(
                Project.template(), StackIdentity.local(StackIdentity.DEFAULT_STACK_NAME), Map.of())
            .function("QueryFunction")
            .orElseThrow()
            .environment()
            .get("CURSOR_SIGNING_KEY");

    for (String key : List.of(GENERATED.get(0), GENERATED.get(1), localCloudKey)) {
      assertEquals(Optional.empty(), refusal(key), key);
    }
  }
}
