package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No request makes a server error: thousands of seeded hostile requests over every route and
 * parameter ({@link FuzzedRequests}), sent byte for byte through the local HTTP API, each answered
 * within the query function's timeout, with a status below 500 (or the deadline's 503 with {@code
 * Retry-After}), errors in the API's JSON shape, and every answer valid against the OpenAPI
 * contract. {@code -Dnewsindex.fuzz.seed=} and {@code -Dnewsindex.fuzz.requests=} run another seed
 * or more requests; a failure names the seed and the request's index, which reproduce it alone.
 */
class FuzzedRequestsTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  private static final long SEED = Long.getLong("newsindex.fuzz.seed", 20_260_612L);
  private static final int REQUESTS = Integer.getInteger("newsindex.fuzz.requests", 3000);

  /** The query function's Timeout in template.yaml: Lambda stops an invocation there. */
  private static final int FUNCTION_TIMEOUT_MILLIS = 10_000;

  /** Requests in flight at once: the local cloud's concurrency. */
  private static final int CLIENTS = 4;

  private static final int FAILURES_SHOWN = 12;

  private static final Path PROBLEMS =
      org.newsindex.TestProject.dir().resolve("tests/target/fuzzed-requests-answered-wrongly.txt");

  @Test
  void noFuzzedRequestGetsAServerErrorOrAnAnswerOutsideTheContract() throws Exception {
    FuzzedRequests requests = new FuzzedRequests(SEED, known());
    long started = System.nanoTime();

    List<String> problems = send(IntStream.range(0, REQUESTS).mapToObj(requests::request).toList());

    long tookMs = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        Locale.ROOT, "fuzz: %d requests, seed %d, in %,d ms%n", REQUESTS, SEED, tookMs);
    Files.deleteIfExists(PROBLEMS);
    if (!problems.isEmpty()) {
      Files.write(PROBLEMS, problems, StandardCharsets.UTF_8);
    }
    assertTrue(
        problems.isEmpty(),
        problems.size()
            + " of "
            + REQUESTS
            + " requests (seed "
            + SEED
            + ") were answered wrongly (all in "
            + PROBLEMS
            + "); the first:\n"
            + problems.stream().limit(FAILURES_SHOWN).collect(Collectors.joining("\n")));
    assertEquals(List.of(), cloud.cloud.failures(), "no invocation may fail");
  }

  /** A query string with raw {@code " \ ^ | {}, as curl sends it, is searched. */
  @Test
  void aQueryWithRawQuotesAndBackslashesIsSearched() throws Exception {
    byte[] target = "/search?q=\"peace\\talks^2|{x}\"".getBytes(StandardCharsets.US_ASCII);

    RawHttp.Response response = RawHttp.get(cloud.api(), target, FUNCTION_TIMEOUT_MILLIS * 2);

    assertEquals(200, response.status(), response.body());
    TestCloud.CONTRACT.check(
        "GET",
        new String(target, StandardCharsets.US_ASCII),
        200,
        response.header("content-type"),
        response.body());
  }

  /** The requests issue 12 found answered with a 500. */
  @Test
  void theRequestsThatOnceMadeA500AreRefusedWithA400() throws Exception {
    List<String> targets =
        List.of(
            "/suggest?prefix=a%CC%81",
            "/suggest?prefix=%C2%A0%C2%A0",
            "/suggest?prefix=%E1%84%80%E1%85%A1",
            "/sources/" + "a".repeat(1100),
            "/sources?prefix=" + "a".repeat(1100),
            "/search?q=istanbul&source=" + "a".repeat(1100),
            "/search?q=" + "(".repeat(300) + "istanbul",
            "/search?q=istanbul&cursor=" + "A".repeat(3000));
    List<FuzzedRequests.Request> requests = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      requests.add(
          new FuzzedRequests.Request(i, "GET", targets.get(i).getBytes(StandardCharsets.UTF_8)));
    }

    assertEquals(List.of(), send(requests));
    for (FuzzedRequests.Request request : requests) {
      RawHttp.Response response =
          RawHttp.get(cloud.api(), request.target(), FUNCTION_TIMEOUT_MILLIS * 2);
      assertEquals(400, response.status(), request.shown() + " -> " + response.body());
    }
  }

  /**
   * The issue's broad requests (long CJK and Hangul prefixes, 64 two-letter prefixes, a source
   * filter of one character) are answered, within the budget or refused as too broad.
   */
  @Test
  void theBroadRequestsThatOnceRanUnboundedAreAnswered() throws Exception {
    StringBuilder prefixes = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      prefixes.append((char) ('a' + i / 26 % 26)).append((char) ('a' + i % 26)).append("*%20");
    }
    List<String> targets =
        List.of(
            "/search?q=" + "%E4%B8%AD".repeat(400) + "*",
            "/search?q=" + "%EA%B0%80".repeat(400) + "*",
            "/search?q=" + prefixes,
            "/search?q=istanbul&source=0",
            "/search?source=0");
    List<FuzzedRequests.Request> requests = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      requests.add(
          new FuzzedRequests.Request(i, "GET", targets.get(i).getBytes(StandardCharsets.UTF_8)));
    }

    assertEquals(List.of(), send(requests));
  }

  /** Ids, keys, words and cursors of the seed corpus, so that requests also reach the index. */
  private static FuzzedRequests.Known known() {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    Set<String> words = new LinkedHashSet<>(List.of("istanbul", "ukraine", "peace", "talks"));
    Set<String> cursors = new LinkedHashSet<>();
    for (String query :
        List.of("/search?q=istanbul&limit=2", "/search?limit=1", "/sources?limit=1")) {
      JsonNode body = cloud.get(query).body();
      body.path("results")
          .forEach(
              hit -> {
                ids.add(hit.path("id").asText());
                hit.path("sources").forEach(s -> keys.add(s.asText()));
                for (String word :
                    hit.path("title").asText().toLowerCase(Locale.ROOT).split("\\W+")) {
                  if (word.length() >= 3) {
                    words.add(word);
                  }
                }
              });
      body.path("sources").forEach(s -> keys.add(s.path("key").asText()));
      if (body.has("next_cursor")) {
        cursors.add(body.get("next_cursor").asText());
      }
    }
    return new FuzzedRequests.Known(
        List.copyOf(ids), List.copyOf(keys), List.copyOf(words), List.copyOf(cursors));
  }

  /** Sends the requests, {@link #CLIENTS} at a time; what was wrong with each answer, in order. */
  private static List<String> send(List<FuzzedRequests.Request> requests)
      throws InterruptedException, ExecutionException {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Optional<String>>> answers = new ArrayList<>();
      for (FuzzedRequests.Request request : requests) {
        answers.add(clients.submit(() -> problem(request)));
      }
      List<String> problems = new ArrayList<>();
      for (Future<Optional<String>> answer : answers) {
        answer.get().ifPresent(problems::add);
      }
      return Collections.unmodifiableList(problems);
    } finally {
      clients.shutdownNow();
    }
  }

  private static Optional<String> problem(FuzzedRequests.Request request) {
    String label = "#" + request.index() + " " + request.shown() + "\n    -> ";
    long started = System.nanoTime();
    RawHttp.Response response;
    try {
      // Twice the timeout: an answer that comes between the two is reported below, not lost.
      response =
          RawHttp.send(
              cloud.api(), request.method(), request.target(), FUNCTION_TIMEOUT_MILLIS * 2);
    } catch (IOException e) {
      return Optional.of(label + "no answer: " + e);
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    String seen = response.status() + " " + abbreviate(response.body());
    if (tookMs > FUNCTION_TIMEOUT_MILLIS) {
      return Optional.of(label + "answered after " + tookMs + " ms: " + seen);
    }
    boolean timeout = response.status() == 503 && !response.header("retry-after").isEmpty();
    if (response.status() >= 500 && !timeout) {
      return Optional.of(label + seen);
    }
    String contentType = response.header("content-type");
    if (response.status() >= 400 && !contentType.startsWith("application/json")) {
      return Optional.of(label + "an error that is not JSON (" + contentType + "): " + seen);
    }
    try {
      TestCloud.CONTRACT.check(
          request.method(), request.targetText(), response.status(), contentType, response.body());
    } catch (AssertionError e) {
      String sent = request.method() + " " + request.targetText();
      return Optional.of(label + abbreviate(e.getMessage().replace(sent, "(the request)")));
    }
    return Optional.empty();
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
