package org.newsindex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's figures, as a table for people and as {@code bench.json} for tools. */
public record BenchReport(
    Benchmark.Options options,
    IngestMeasurement.Result ingest,
    java.util.Optional<ReindexMeasurement.Result> reindex,
    boolean reindexMatchesEvents,
    Map<String, Double> phaseSeconds,
    java.util.Optional<FanInMeasurement.Result> fanIn,
    List<QueryMeasurement.Result> queries,
    FloorMeasurement.Result floor,
    List<ColdStartMeasurement.Result> coldStarts,
    long jarBytes,
    Map<String, Object> costs) {

  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("articles", options.articles());
    json.put("seed", options.seed());
    json.put("event_articles", ingest.articles());
    json.put(
        "built_by",
        options.bulkByReindex()
            ? "reindex of the first articles, then an event sample of the rest onto that index"
            : "events (all articles), and a reindex of the same files into a table of its own");
    json.put("ingest_ratio_to_raw", round(ingest.ratioToRaw()));
    json.put("ingest_write_amplification", round(ingest.writeAmplification()));
    reindex.ifPresent(r -> json.put("reindex_ratio_to_raw", round(r.ratioToRaw())));
    fanIn.ifPresent(f -> json.put("fan_in_ratio", round(f.ratio())));
    Map<String, Object> in = new LinkedHashMap<>();
    in.put(
        "scope",
        ingest.ontoArticles() > 0
            ? String.format(
                "event sample: the last %d articles through S3 and events onto an index of %d;"
                    + " final items are those the sample added or changed",
                ingest.articles(), ingest.ontoArticles())
            : "every article through S3 and events into an empty table");
    in.put("articles", ingest.articles());
    in.put("onto_indexed_articles", ingest.ontoArticles());
    in.put("seconds", round(ingest.seconds()));
    in.put("articles_per_second", round(ingest.articlesPerSecond()));
    in.put("items_written", ingest.itemsWritten());
    in.put("items_per_second", round(ingest.itemsPerSecond()));
    in.put("write_units", ingest.writeUnits());
    in.put("read_units", round(ingest.readUnits()));
    in.put("final_items", ingest.finalItems());
    in.put("raw_write_seconds", round(ingest.rawSeconds()));
    in.put("raw_items_per_second", round(ingest.rawItemsPerSecond()));
    in.put("invocations", ingest.invocations());
    in.put("lambda_seconds", round(ingest.lambdaSeconds()));
    in.put("final_write_units", ingest.finalWriteUnits());
    json.put("ingest", in);
    reindex.ifPresent(
        r -> {
          Map<String, Object> re = new LinkedHashMap<>();
          re.put("articles", r.articles());
          re.put("seconds", round(r.seconds()));
          re.put("listing_seconds", round(r.listSeconds()));
          re.put("rounds", r.rounds());
          re.put("final_items", r.finalItems());
          re.put("final_write_units", r.finalWriteUnits());
          re.put("raw_write_seconds", round(r.rawSeconds()));
          re.put("raw_items_written", r.rawItems());
          re.put("drift", r.drift());
          re.put("same_index_as_events", reindexMatchesEvents);
          json.put("reindex", re);
        });
    fanIn.ifPresent(
        f ->
            json.put(
                "fan_in",
                Map.of(
                    "files",
                    f.files(),
                    "shared_seconds",
                    round(f.sharedSeconds()),
                    "plain_seconds",
                    round(f.plainSeconds()))));
    Map<String, Object> q = new LinkedHashMap<>();
    for (QueryMeasurement.Result r : queries) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("description", r.description());
      c.put("queries", r.queries());
      c.put("p50_ms", round(r.p50Ms()));
      c.put("p99_ms", round(r.p99Ms()));
      c.put("items_read", r.itemsRead());
      c.put("read_units", round(r.readUnits()));
      c.put("server_ms_p50", round(r.serverMs()));
      c.put("scan_p50_ms", round(r.scanP50Ms()));
      c.put("scan_items_scanned", r.scanItemsScanned());
      c.put("scan_read_units", r.scanReadUnits());
      c.put("scan_requests", r.scanRequests());
      c.put("scans_timed", r.scansTimed());
      c.put("lucene_p50_ms", round(r.luceneP50Ms()));
      c.put("speedup_vs_scan_p50", round(r.speedupVsScan()));
      c.put("ratio_to_lucene_p50", round(r.ratioToLucene()));
      q.put(r.name(), c);
    }
    json.put("queries", q);
    json.put(
        "floor",
        Map.of(
            "dynamodb_get_item_p50_ms",
            round(floor.getItemP50Ms()),
            "api_call_p50_ms",
            round(floor.apiCallP50Ms())));
    // cold_start: the running JDK's figures by function; cold_start_by_jdk: every JDK's.
    Map<String, Object> cold = new LinkedHashMap<>();
    Map<String, Map<String, Object>> byJdk = new LinkedHashMap<>();
    for (ColdStartMeasurement.Result r : coldStarts) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("jdk", r.jdk());
      c.put("jvm_flags", r.jvmFlags());
      c.put("first_response_since_jvm_start_ms", round(r.processToFirstResponseMs()));
      c.put("init_ms", round(r.initMs()));
      c.put("first_event_ms", round(r.firstEventMs()));
      c.put("second_event_ms", round(r.secondEventMs()));
      c.put("first_event_after_priming_ms", round(r.primedFirstEventMs()));
      c.put("first_event_after_priming_to_warm", round(r.primedFirstToWarm()));
      c.put("priming_ms", round(r.primingMs()));
      if (r.jdk().equals(coldStarts.get(0).jdk())) {
        cold.put(r.function(), c);
      }
      byJdk.computeIfAbsent(r.jdk(), k -> new LinkedHashMap<>()).put(r.function(), c);
    }
    json.put("cold_start", cold);
    json.put("cold_start_by_jdk", byJdk);
    json.put("jar_bytes", jarBytes);
    Map<String, Object> phases = new LinkedHashMap<>();
    phaseSeconds.forEach((k, v) -> phases.put(k, round(v)));
    json.put("phase_seconds", phases);
    json.put("cost", costs);
    return json;
  }

  public void write(Path file) throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toJson());
  }

  public void print(PrintStream out) {
    out.printf(
        "%nnewsindex bench: %,d generated articles (seed %d), %d queries a class, %d runs each%n",
        options.articles(), options.seed(), options.queriesPerClass(), options.repeat());
    if (ingest.ontoArticles() > 0) {
      out.printf(
          "%nIngest, event sample: the last %,d articles (S3 upload -> event -> ingest function ->"
              + " DynamoDB) onto the reindexed index of %,d; final items: those it added or"
              + " changed%n",
          ingest.articles(), ingest.ontoArticles());
    } else {
      out.printf("%nIngest (S3 upload -> event -> ingest function -> DynamoDB)%n");
    }
    out.printf(
        "  %.1f s, %.1f articles/s, %,d DynamoDB items written (%.0f items/s), %,d write units%n",
        ingest.seconds(),
        ingest.articlesPerSecond(),
        ingest.itemsWritten(),
        ingest.itemsPerSecond(),
        ingest.writeUnits());
    out.printf(
        "  raw BatchWriteItem of the final %,d items: %.1f s (%.0f items/s) -> ratio to raw %.2f%n",
        ingest.finalItems(), ingest.rawSeconds(), ingest.rawItemsPerSecond(), ingest.ratioToRaw());
    out.printf(
        "  write amplification %.2f (%,d write units for %,d of the items left)%n",
        ingest.writeAmplification(), ingest.writeUnits(), ingest.finalWriteUnits());
    reindex.ifPresent(
        r ->
            out.printf(
                "%nReindex (list the bucket, read and index every file into an empty table)%n"
                    + "  %,d articles, %.1f s in %d round(s); raw BatchWriteItem of its %,d items"
                    + " %.1f s%s -> ratio to raw %.2f; %d drift; %s%n",
                r.articles(),
                r.seconds(),
                r.rounds(),
                r.finalItems(),
                r.rawSeconds(),
                r.rawItems() < r.finalItems()
                    ? String.format(" (scaled from %,d items written)", r.rawItems())
                    : "",
                r.ratioToRaw(),
                r.drift(),
                options.bulkByReindex()
                    ? "(drift: of the whole table after the event sample)"
                    : "the same index as the events': " + reindexMatchesEvents));
    fanIn.ifPresent(
        f ->
            out.printf(
                "%nFan-in: %,d files listing one headline in %.1f s, %,d sharing nothing in %.1f s"
                    + " -> %.2f of the plain rate%n",
                f.files(), f.sharedSeconds(), f.files(), f.plainSeconds(), f.ratio()));
    out.printf(
        "%n%-17s %8s %8s %7s %7s %9s %10s %9s %9s%n",
        "Query class",
        "p50 ms",
        "p99 ms",
        "items",
        "RU",
        "scan p50",
        "vs scan",
        "lucene",
        "vs lucene");
    for (QueryMeasurement.Result r : queries) {
      out.printf(
          "%-17s %8.1f %8.1f %7.0f %7.1f %9.1f %9.0fx %9.3f %8.0fx%n",
          r.name(),
          r.p50Ms(),
          r.p99Ms(),
          r.itemsRead(),
          r.readUnits(),
          r.scanP50Ms(),
          r.speedupVsScan(),
          r.luceneP50Ms(),
          r.ratioToLucene());
    }
    if (!queries.isEmpty()) {
      QueryMeasurement.Result q = queries.get(0);
      out.printf(
          "Scan baseline on DynamoDB: every Scan reads the whole table, %,d items: %,d read units"
              + " in %,d requests (1 MB each, a unit per 4 KB, strongly consistent; half"
              + " eventually consistent), against the medians above (items, RU)%n",
          q.scanItemsScanned(), q.scanReadUnits(), q.scanRequests());
    }
    out.printf(
        "Floor: one DynamoDB GetItem %.1f ms, one API call that reads nothing (GET /openapi.json)"
            + " %.1f ms (p50)%n",
        floor.getItemP50Ms(), floor.apiCallP50Ms());
    if (!coldStarts.isEmpty()) {
      out.printf("%nCold start (fresh JVM, deployable jar %.1f MB)%n", jarBytes / 1e6);
      String jdk = "";
      for (ColdStartMeasurement.Result r : coldStarts) {
        if (!r.jdk().equals(jdk)) {
          jdk = r.jdk();
          out.printf("  JDK %s%n", jdk);
        }
        out.printf(
            "    %-15s first response %.0f ms after JVM start (init %.0f ms, first event %.0f ms,"
                + " warm %.0f ms; after priming the first event takes %.0f ms, %.1fx warm)%n",
            r.function(),
            r.processToFirstResponseMs(),
            r.initMs(),
            r.firstEventMs(),
            r.secondEventMs(),
            r.primedFirstEventMs(),
            r.primedFirstToWarm());
      }
    }
    out.printf("%nTime by phase (s): %s%n", phaseSeconds);
    out.printf("%nCost on AWS on-demand prices (us-east-1)%n");
    costs.forEach(
        (k, v) -> {
          if (!k.equals("inputs")) {
            out.printf("  %-22s %s%n", k, v);
          }
        });
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
