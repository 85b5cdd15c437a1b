package org.newsindex.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.StoredDocument;
import org.newsindex.local.LocalClients;
import org.newsindex.local.LocalCloud;
import org.newsindex.local.ProjectLayout;
import org.newsindex.local.lambda.InvocationRecord;
import org.newsindex.local.template.FunctionSpec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One benchmark run, start to end: its own local cloud, a generated corpus, ingest through the real
 * path against raw writes, every query class against the Scan baseline and in-memory Lucene, cold
 * starts of the deployable jar, and the AWS cost those measurements imply.
 */
public final class Benchmark {
  /** What to run. */
  public record Options(
      Path projectDir,
      int articles,
      long seed,
      int queriesPerClass,
      int repeat,
      int concurrency,
      int coldStartRuns,
      boolean reindex,
      int fanInFiles,
      int eventSample) {

    /** Up to this many articles the whole corpus goes through events by default. */
    static final int ALL_THROUGH_EVENTS = 10_000;

    /**
     * How many articles go through the event path: {@code eventSample} if given (a negative value:
     * not given), else all of them up to {@value #ALL_THROUGH_EVENTS} articles and 1% (at least
     * 1,000) past that; the rest are uploaded with notifications off and indexed by a reindex.
     */
    int eventArticles() {
      if (eventSample >= 0) {
        return Math.min(articles, Math.max(1, eventSample));
      }
      return articles <= ALL_THROUGH_EVENTS ? articles : Math.max(1_000, articles / 100);
    }

    /** Whether the bulk of the corpus is built by a reindex and events only add a sample. */
    boolean bulkByReindex() {
      return eventArticles() < articles;
    }
  }

  private final Options options;
  private final Consumer<String> log;

  public Benchmark(Options options, Consumer<String> log) {
    this.options = options;
    this.log = log;
  }

  public BenchReport run() throws Exception {
    List<String> seeds = new ProjectLayout(options.projectDir()).seedTexts();
    CorpusGenerator generator = new CorpusGenerator(seeds, options.articles(), options.seed());
    try (LocalCloud cloud =
            LocalCloud.builder()
                .projectDir(options.projectDir())
                .apiPort(0)
                .seed(false)
                .runSchedules(false)
                .concurrency(options.concurrency())
                .start();
        S3Client s3 = LocalClients.s3(cloud);
        DynamoDbClient dynamoDb = LocalClients.dynamoDb(cloud)) {
      Map<String, Double> phases = new LinkedHashMap<>();
      long phase = System.nanoTime();
      IngestMeasurement.Result ingest;
      java.util.Optional<ReindexMeasurement.Result> reindex = java.util.Optional.empty();
      IndexSnapshot snapshot;
      boolean reindexMatchesEvents = false;
      if (options.bulkByReindex()) {
        int bulk = options.articles() - options.eventArticles();
        log.accept(
            String.format(
                "uploading %,d generated articles with the bucket's notifications off ...", bulk));
        cloud.pauseNotifications(true);
        try {
          GeneratedUpload.articles(s3, cloud.bucket(), generator, 0, bulk, () -> {});
        } finally {
          cloud.pauseNotifications(false);
        }
        phase = lap(phases, "upload", phase);
        ReindexMeasurement.warmUp(
            s3, dynamoDb, cloud.table(), generator, Math.min(WARM_UP_ARTICLES, bulk));
        phase = lap(phases, "warm_up", phase);
        log.accept(String.format("reindexing them into the stack's empty table ..."));
        ReindexMeasurement.InPlace built =
            ReindexMeasurement.inPlace(s3, dynamoDb, cloud.table(), cloud.bucket(), bulk);
        phase = lap(phases, "reindex_and_raw", phase);
        logReindex(built.result());
        log.accept(
            String.format(
                "ingesting a sample of the last %,d articles through S3 and events onto that"
                    + " index ...",
                options.eventArticles()));
        ingest =
            IngestMeasurement.run(
                cloud,
                s3,
                dynamoDb,
                generator,
                bulk,
                options.articles(),
                built.fingerprints(),
                () -> {});
        phase = lap(phases, "event_sample_and_raw", phase);
        logIngest(ingest);
        snapshot = IndexSnapshot.load(dynamoDb, cloud.table());
        org.newsindex.verify.VerificationReport report =
            new org.newsindex.verify.IndexVerifier(new TextAnalyzer()).verify(snapshot);
        reindex =
            java.util.Optional.of(built.result().verified(report.drift().size(), report.counts()));
        log.accept(
            String.format(
                "  the whole table (reindexed bulk and event sample): %d drift",
                report.drift().size()));
        report.drift().stream()
            .limit(20)
            .forEach(d -> log.accept("    " + (d.length() > 300 ? d.substring(0, 300) + "…" : d)));
        phase = lap(phases, "load_and_verify", phase);
      } else {
        log.accept(
            String.format("ingesting %,d generated articles through S3 ...", options.articles()));
        ingest =
            IngestMeasurement.run(cloud, s3, dynamoDb, generator, options.articles(), () -> {});
        phase = lap(phases, "events_and_raw", phase);
        logIngest(ingest);
        snapshot = IndexSnapshot.load(dynamoDb, cloud.table());
        java.util.Map<String, Long> eventCounts =
            new org.newsindex.verify.IndexVerifier(new TextAnalyzer()).verify(snapshot).counts();
        phase = lap(phases, "load_and_verify", phase);
        if (options.reindex()) {
          log.accept("reindexing the same files from a bucket of their own ...");
          ReindexMeasurement.Result r =
              ReindexMeasurement.run(s3, dynamoDb, cloud.table(), generator, options.articles());
          reindexMatchesEvents = sameIndex(eventCounts, r.counts());
          logReindex(r);
          log.accept(
              "  same documents, terms and postings as the events': " + reindexMatchesEvents);
          reindex = java.util.Optional.of(r);
          phase = lap(phases, "reindex_and_raw", phase);
        }
      }
      java.util.Optional<FanInMeasurement.Result> fanIn = java.util.Optional.empty();
      if (options.fanInFiles() > 0) {
        log.accept(
            String.format(
                "fan-in: %,d files listing one headline against %,d sharing nothing ...",
                options.fanInFiles(), options.fanInFiles()));
        FanInMeasurement.Result f =
            FanInMeasurement.run(s3, dynamoDb, cloud.table(), options.fanInFiles());
        log.accept(
            String.format(
                "  shared %.1f s, plain %.1f s: the shared set ingests at %.2f of the plain set's"
                    + " rate",
                f.sharedSeconds(), f.plainSeconds(), f.ratio()));
        fanIn = java.util.Optional.of(f);
        phase = lap(phases, "fan_in", phase);
      }
      List<StoredDocument> documents = new ArrayList<>(snapshot.documents().values());
      List<QueryClass> classes =
          QueryClasses.draw(snapshot, options.queriesPerClass(), options.seed());
      List<QueryMeasurement.Result> queries;
      Set<String> before = new HashSet<>();
      cloud.invocations().forEach(r -> before.add(r.result().requestId()));
      try (LuceneIndex lucene = new LuceneIndex(new TextAnalyzer().luceneAnalyzer());
          ScanBaseline scan = new ScanBaseline(dynamoDb, cloud.table() + "-naive", documents)) {
        phase = lap(phases, "scan_table", phase);
        documents.forEach(
            d ->
                lucene.add(
                    d.ord(),
                    d.kind().label(),
                    d.sourceOrds().stream().mapToInt(Integer::intValue).toArray(),
                    d.text(),
                    d.published().getEpochSecond()));
        phase = lap(phases, "lucene_index", phase);
        log.accept("timing " + classes.size() + " query classes ...");
        queries =
            new QueryMeasurement(
                    cloud.apiUri(),
                    scan,
                    lucene,
                    options.repeat(),
                    options.bulkByReindex() ? SCANS_AT_SCALE : Integer.MAX_VALUE)
                .measureAll(classes);
        phase = lap(phases, "queries", phase);
      }
      FloorMeasurement.Result floor =
          FloorMeasurement.measure(dynamoDb, cloud.table(), cloud.apiUri(), 200);
      Latencies queryLambda = new Latencies();
      for (InvocationRecord r : cloud.invocations()) {
        if (r.functionLogicalId().equals("QueryFunction")
            && !before.contains(r.result().requestId())) {
          queryLambda.add(r.result().duration().toNanos() / 1e6);
        }
      }

      Path jar = options.projectDir().resolve("functions/target/newsindex-functions.jar");
      List<ColdStartMeasurement.Result> coldStarts = new ArrayList<>();
      if (options.coldStartRuns() > 0) {
        for (JavaRuntime jdk : JavaRuntime.found()) {
          log.accept("measuring cold starts on JDK " + jdk.version() + " (" + jdk.home() + ") ...");
          coldStarts.add(queryColdStart(cloud, jdk, jar));
          coldStarts.add(ingestColdStart(cloud, jdk, s3, jar, generator));
        }
      }

      FunctionSpec query = cloud.stack().function("QueryFunction").orElseThrow();
      FunctionSpec ingestFunction = cloud.stack().function("IngestFunction").orElseThrow();
      CostModel cost = new CostModel(PriceTable.US_EAST_1);
      double readUnits =
          queries.stream().mapToDouble(QueryMeasurement.Result::readUnits).average().orElse(0);
      Map<String, Object> costs = new LinkedHashMap<>();
      costs.put(
          "per_million_queries",
          cost.perMillionQueries(readUnits, queryLambda.p50(), query.memoryMb()));
      costs.put(
          "per_million_articles",
          cost.perMillionArticles(
              (double) ingest.writeUnits() / ingest.articles(),
              ingest.readUnits() / ingest.articles(),
              (double) ingest.invocations() / ingest.articles(),
              ingest.lambdaSeconds() * 1000 / ingest.articles(),
              ingestFunction.memoryMb()));
      costs.put(
          "inputs",
          Map.of(
              "query_read_units",
              readUnits,
              "query_lambda_ms_p50",
              queryLambda.p50(),
              "query_memory_mb",
              query.memoryMb(),
              "ingest_memory_mb",
              ingestFunction.memoryMb(),
              "prices",
              PriceTable.US_EAST_1));
      lap(phases, "floor_cold_starts_cost", phase);
      return new BenchReport(
          options,
          ingest,
          reindex,
          reindexMatchesEvents,
          phases,
          fanIn,
          queries,
          floor,
          coldStarts,
          Files.size(jar),
          costs);
    }
  }

  /**
   * Scans timed per query class when the corpus is built by a reindex: a Scan reads the whole table
   * whatever the query, so a few give its time and its read units.
   */
  private static final int SCANS_AT_SCALE = 2;

  /** Files of the untimed reindex that warms the JVM up before the timed one. */
  private static final int WARM_UP_ARTICLES = 500;

  /** Records the seconds since {@code since} as a phase; returns now. */
  private static long lap(Map<String, Double> phases, String name, long since) {
    long now = System.nanoTime();
    phases.merge(name, (now - since) / 1e9, Double::sum);
    return now;
  }

  private void logIngest(IngestMeasurement.Result ingest) {
    log.accept(
        String.format(
            "  %.1f articles/s; raw writes of the final %,d items took %.1f s (ratio %.2f)",
            ingest.articlesPerSecond(),
            ingest.finalItems(),
            ingest.rawSeconds(),
            ingest.ratioToRaw()));
    log.accept(
        String.format(
            "  %,d write units for %,d of the items left: write amplification %.2f",
            ingest.writeUnits(), ingest.finalWriteUnits(), ingest.writeAmplification()));
  }

  private void logReindex(ReindexMeasurement.Result r) {
    log.accept(
        String.format(
            "  %.1f s (listing %.1f s, %d rounds); raw writes of its %,d items took %.1f s%s"
                + " (ratio %.2f)",
            r.seconds(),
            r.listSeconds(),
            r.rounds(),
            r.finalItems(),
            r.rawSeconds(),
            r.rawItems() < r.finalItems()
                ? String.format(" (scaled from a sample of %,d)", r.rawItems())
                : "",
            r.ratioToRaw()));
  }

  /** Whether two indexes hold the same numbers of files, documents, terms and postings. */
  static boolean sameIndex(java.util.Map<String, Long> a, java.util.Map<String, Long> b) {
    for (String k : List.of("files", "documents", "terms", "postings")) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  private ColdStartMeasurement.Result queryColdStart(LocalCloud cloud, JavaRuntime jdk, Path jar)
      throws Exception {
    Map<String, String> env = new LinkedHashMap<>(cloud.environment("QueryFunction"));
    String flags = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
    String event = Files.readString(options.projectDir().resolve("events/search-request.json"));
    return ColdStartMeasurement.measure(
        "QueryFunction",
        jdk,
        handlerClass(cloud, "QueryFunction"),
        flags,
        env,
        event,
        jar,
        options.coldStartRuns());
  }

  private ColdStartMeasurement.Result ingestColdStart(
      LocalCloud cloud, JavaRuntime jdk, S3Client s3, Path jar, CorpusGenerator generator)
      throws Exception {
    String bucket = "newsindex-cold-start-probe";
    if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket))) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    String key = "probe/cold-start.txt";
    String body = generator.file(options.articles() + 1);
    String etag =
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body))
            .eTag()
            .replace("\"", "");
    Map<String, String> env = new LinkedHashMap<>(cloud.environment("IngestFunction"));
    env.put("BUCKET_NAME", bucket);
    String flags = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
    String event =
        Files.readString(options.projectDir().resolve("events/s3-put.json"))
            .replaceAll("\"name\": \"[^\"]+\"", "\"name\": \"" + bucket + "\"")
            .replaceAll("\"key\": \"[^\"]+\"", "\"key\": \"" + key + "\"")
            .replaceAll("\"eTag\": \"[^\"]+\"", "\"eTag\": \"" + etag + "\"")
            .replaceAll("\"size\": [0-9]+", "\"size\": " + body.length());
    return ColdStartMeasurement.measure(
        "IngestFunction",
        jdk,
        handlerClass(cloud, "IngestFunction"),
        flags,
        env,
        event,
        jar,
        options.coldStartRuns());
  }

  private static String handlerClass(LocalCloud cloud, String function) {
    return cloud.stack().function(function).orElseThrow().handlerClass();
  }
}
