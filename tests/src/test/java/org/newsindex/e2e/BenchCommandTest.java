package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsindex.TestProject;

/**
 * The benchmark runs as a user runs it, at a small size: one command starts its own local cloud,
 * measures everything and writes bench.json with the keys tools read. (A benchmark, not a timed
 * test: no figure is asserted, only that each was measured.)
 */
class BenchCommandTest {
  private static final List<String> CLASSES =
      List.of(
          "rare term",
          "common term",
          "very common term",
          "2-3 terms",
          "phrase",
          "filtered",
          "paged");

  @Test
  void benchRunsEndToEndAndWritesItsFigures() throws Exception {
    Path work = Files.createTempDirectory("newsindex-bench");
    Process bench =
        new ProcessBuilder(
                "java",
                "-jar",
                TestProject.dir().resolve("infra/target/newsindex-local.jar").toString(),
                "bench",
                "--articles",
                "40",
                "--queries",
                "2",
                "--repeat",
                "1",
                "--cold-starts",
                "1",
                "--fan-in-files",
                "60")
            .directory(work.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String table = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "bench should finish");
    assertEquals(0, bench.exitValue(), table);
    assertTrue(table.contains("Query class") && table.contains("Cold start"), table);

    JsonNode json = TestCloud.JSON.readTree(work.resolve("bench.json").toFile());
    for (String key :
        List.of(
            "ingest_ratio_to_raw",
            "ingest_write_amplification",
            "reindex_ratio_to_raw",
            "fan_in_ratio")) {
      assertTrue(json.path(key).asDouble() > 0, key + " in " + json);
    }
    assertEquals(0, json.path("reindex").path("drift").asInt(), json.path("reindex").toString());
    assertTrue(
        json.path("reindex").path("same_index_as_events").asBoolean(),
        json.path("reindex").toString());
    for (String name : CLASSES) {
      JsonNode c = json.path("queries").path(name);
      for (String key :
          List.of("p50_ms", "p99_ms", "items_read", "speedup_vs_scan_p50", "ratio_to_lucene_p50")) {
        assertTrue(c.path(key).asDouble() > 0, name + "." + key + " in " + c);
      }
    }
    assertTrue(
        json.path("cold_start")
                .path("QueryFunction")
                .path("first_response_since_jvm_start_ms")
                .asDouble()
            > 0);
    assertTrue(
        json.path("floor").path("api_call_p50_ms").asDouble() > 0, json.path("floor").toString());
    assertTrue(json.path("jar_bytes").asLong() > 1_000_000);
    assertTrue(json.path("cost").path("per_million_queries").path("total_usd").asDouble() > 0);
  }

  @Test
  void atScaleTheBenchBuildsTheBulkByReindexAndSendsOnlyASampleThroughEvents() throws Exception {
    Path work = Files.createTempDirectory("newsindex-bench-sample");
    Process bench =
        new ProcessBuilder(
                "java",
                "-jar",
                TestProject.dir().resolve("infra/target/newsindex-local.jar").toString(),
                "bench",
                "--articles",
                "60",
                "--event-sample",
                "12",
                "--queries",
                "1",
                "--repeat",
                "1",
                "--cold-starts",
                "0",
                "--fan-in-files",
                "0")
            .directory(work.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String table = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "bench should finish");
    assertEquals(0, bench.exitValue(), table);
    assertTrue(table.contains("event sample"), table);

    JsonNode json = TestCloud.JSON.readTree(work.resolve("bench.json").toFile());
    for (String key :
        List.of("ingest_ratio_to_raw", "ingest_write_amplification", "reindex_ratio_to_raw")) {
      assertTrue(json.path(key).asDouble() > 0, key + " in " + json);
    }
    assertEquals(12, json.path("event_articles").asInt());
    assertEquals(48, json.path("reindex").path("articles").asInt());
    assertEquals(48, json.path("ingest").path("onto_indexed_articles").asInt());
    assertEquals(0, json.path("reindex").path("drift").asInt(), json.path("reindex").toString());
    JsonNode rare = json.path("queries").path("rare term");
    assertTrue(rare.path("read_units").asDouble() > 0, rare.toString());
    assertTrue(rare.path("scan_read_units").asLong() > 0, rare.toString());
    assertTrue(json.path("phase_seconds").path("reindex_and_raw").asDouble() > 0);
  }
}
