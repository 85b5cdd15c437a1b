package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsindex.TestProject;

/**
 * The README's run command, as a user runs it: the jar starts, loads the seeds, prints READY with
 * its endpoints, serves searches, and when stopped leaves no DynamoDB process behind; meanwhile its
 * other commands ({@code verify}, {@code search}, {@code generate}, {@code upload}, {@code stats})
 * work against it with the exit codes scripts rely on.
 */
class LocalJarTest {
  private static Path jar() {
    return TestProject.dir().resolve("infra/target/newsindex-local.jar");
  }

  private static Process java(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(TestProject.dir().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void theJarStartsSeedsServesVerifiesAndStopsCleanly() throws Exception {
    Process local = java("--port", "0");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("READY "), "first line: " + line);
      JsonNode ready = TestCloud.JSON.readTree(line.substring("READY ".length()));
      for (String field : List.of("api", "s3", "dynamodb", "bucket", "table")) {
        assertTrue(ready.hasNonNull(field), field + " in " + line);
      }
      HttpResponse<String> search =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(ready.get("api").asText() + "/search?q=istanbul"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      TestCloud.CONTRACT.check(
          "GET",
          "/search?q=istanbul",
          search.statusCode(),
          search.headers().firstValue("content-type").orElse(""),
          search.body());
      assertEquals(200, search.statusCode());
      assertTrue(search.body().contains("000_722cfe8b9ac581af.txt"), search.body());

      Process verify =
          java(
              "verify",
              "--dynamodb",
              ready.get("dynamodb").asText(),
              "--table",
              ready.get("table").asText());
      String report = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, verify.exitValue(), report);
      assertTrue(report.contains("0 drift"), report);

      // The other commands find the running cloud by themselves.
      Result table = run("search", "jimmy lai", "--limit", "2");
      assertEquals(0, table.exit(), table.out());
      assertTrue(table.out().contains("Jimmy Lai Convicted"), table.out());
      assertEquals(2, run("search", "the").exit(), "a query the API refuses is a usage error");
      Result dated =
          run("search", "jimmy lai", "--from", "2000-01-01", "--to", "now+1d", "--sort", "oldest");
      assertEquals(0, dated.exit(), dated.out());
      assertTrue(dated.out().contains("Jimmy Lai Convicted"), dated.out());
      Result none = run("search", "jimmy lai", "--to", "2000-01-01");
      assertTrue(none.out().contains("0 results"), none.out());
      assertEquals(2, run("search", "jimmy", "--from", "yesterday").exit(), "a bad date");
      Path corpus = java.nio.file.Files.createTempDirectory("newsindex-upload");
      assertEquals(0, run("generate", "--articles", "3", "--out", corpus.toString()).exit());
      Result upload = run("upload", corpus.toString());
      assertEquals(0, upload.exit(), upload.out());
      assertTrue(upload.out().contains("uploaded 3, skipped 0"), upload.out());
      assertTrue(
          java.nio.file.Files.readString(corpus.resolve("published.tsv")).contains("\t20"),
          "generate dates a file by metadata");
      assertTrue(
          run("upload", corpus.toString()).out().contains("uploaded 0, skipped 3"),
          "a second upload resumes");
      Result stats = run("stats");
      assertEquals(0, stats.exit(), stats.out());
      assertTrue(stats.out().contains("ingested"), stats.out());

      URI dynamo = URI.create(ready.get("dynamodb").asText());
      local.destroy();
      assertTrue(local.waitFor(30, TimeUnit.SECONDS), "the local cloud should stop on SIGTERM");
      Thread.sleep(500);
      assertFalse(listening(dynamo), "dynalite must stop with the local cloud");
    } finally {
      local.destroyForcibly();
    }
  }

  private record Result(int exit, String out) {}

  private static Result run(String... args) throws Exception {
    Process p = java(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out);
  }

  private static boolean listening(URI endpoint) {
    try {
      new Socket(endpoint.getHost(), endpoint.getPort()).close();
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
