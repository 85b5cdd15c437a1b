package org.newsindex.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newsindex.TestProject;

/**
 * The flows a user relies on, run against one backend per subclass: a file becomes searchable, an
 * overwrite replaces it, a delete removes it, a bad file is rejected with a reason. Every run uses
 * its own key folder and made-up words, so a shared deployed stack is no obstacle; it deletes its
 * files at the end and waits until the stack has recorded them deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlowTests {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NewsindexStack stack;
  private Optional<String> unavailable = Optional.empty();
  private String folder;
  private final Set<String> uploaded = new LinkedHashSet<>();

  /** Starts (or connects to) the backend. */
  abstract NewsindexStack start(Path projectDir);

  /** Why the backend cannot run on this machine, if it cannot; its tests are then skipped. */
  Optional<String> unavailable() {
    return Optional.empty();
  }

  @BeforeAll
  void startStack() {
    unavailable = unavailable();
    if (unavailable.isPresent()) {
      System.err.println(getClass().getSimpleName() + " skipped: " + unavailable.get());
      return;
    }
    stack = start(TestProject.dir());
    folder = stack.corpusPrefix() + "flow-tests/" + word() + "/";
  }

  @BeforeEach
  void skipIfUnavailable() {
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      try {
        uploaded.forEach(stack::delete);
        uploaded.forEach(stack::awaitDeleted);
      } finally {
        stack.close();
      }
    }
  }

  /** A word no corpus has: letters only, so the analyzer keeps it one term. */
  private static String word() {
    StringBuilder word = new StringBuilder("zq");
    for (int i = 0; i < 10; i++) {
      word.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return word.toString();
  }

  private static byte[] article(String text, String... headlines) {
    return (text + "\n\n" + String.join("\n", headlines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private String upload(String name, byte[] content) {
    String key = folder + name;
    uploaded.add(key);
    return stack.upload(key, content);
  }

  /**
   * Searches until the answer satisfies the expectation (reads may trail the status by a moment).
   */
  private JsonNode awaitSearch(String query, Predicate<JsonNode> expected) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode answer = stack.search(query);
    while (!expected.test(answer) && System.nanoTime() < end) {
      BucketAndApiStack.sleep(Duration.ofMillis(250));
      answer = stack.search(query);
    }
    return answer;
  }

  private static int total(JsonNode answer) {
    return answer.path("total").path("value").asInt();
  }

  private static List<String> sources(JsonNode answer) {
    List<String> sources = new ArrayList<>();
    answer.path("results").forEach(r -> r.path("sources").forEach(s -> sources.add(s.asText())));
    return sources;
  }

  @Test
  void anUploadedFileBecomesSearchable() {
    String word = word();
    String etag =
        upload(
            "searchable.txt",
            article(
                "Rangers counted " + word + " herds along the river this spring.",
                "Herds Return To The River",
                "Rangers Count " + word));

    JsonNode status = stack.awaitIndexed(folder + "searchable.txt", etag);
    JsonNode found = awaitSearch(word, a -> total(a) == 2);

    assertEquals("ingested", status.path("status").asText(), status.toString());
    assertEquals(1, status.path("articles").asInt());
    assertEquals(2, status.path("headlines").asInt());
    assertEquals(2, total(found), found.toString());
    assertTrue(sources(found).contains(folder + "searchable.txt"), found.toString());
  }

  @Test
  void anOverwriteReplacesTheOldText() {
    String before = word();
    String after = word();
    stack.awaitIndexed(
        folder + "overwritten.txt",
        upload(
            "overwritten.txt",
            article("The first draft mentions " + before + " once.", "First Draft")));
    awaitSearch(before, a -> total(a) == 1);

    String etag =
        upload(
            "overwritten.txt",
            article("The second draft mentions " + after + " instead.", "Second Draft"));
    JsonNode status = stack.awaitIndexed(folder + "overwritten.txt", etag);

    assertEquals("ingested", status.path("status").asText(), status.toString());
    assertEquals(0, total(awaitSearch(before, a -> total(a) == 0)));
    JsonNode found = awaitSearch(after, a -> total(a) == 1);
    assertEquals(List.of(folder + "overwritten.txt"), sources(found), found.toString());
  }

  @Test
  void aDeleteRemovesTheFileFromSearch() {
    String word = word();
    String key = folder + "deleted.txt";
    stack.awaitIndexed(
        key, upload("deleted.txt", article("A short note about " + word + ".", "Short Note")));
    awaitSearch(word, a -> total(a) == 1);

    stack.delete(key);
    JsonNode status = stack.awaitDeleted(key);

    assertEquals("deleted", status.path("status").asText());
    assertEquals(0, total(awaitSearch(word, a -> total(a) == 0)));
  }

  @Test
  void aBadFileGetsARejectedStatusWithItsReason() {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };

    JsonNode status = stack.awaitIndexed(folder + "picture.png", upload("picture.png", png));

    assertEquals("rejected", status.path("status").asText(), status.toString());
    assertTrue(status.path("reason").asText().contains("PNG"), status.toString());
  }
}
