package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import org.newsindex.api.Json;
import org.newsindex.config.Settings;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.Sequencers;
import org.newsindex.ingest.IngestResult;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;

/**
 * The ingest function: S3 ObjectCreated and ObjectRemoved notifications in; each record handled by
 * {@link IngestService}. A failure while writing the index fails the invocation so Lambda retries
 * it; a bad file is never a failure but a recorded rejection.
 */
public final class IngestHandler implements RequestHandler<S3Event, String>, Resource {
  private final DynamoDbUsage usage = new DynamoDbUsage();
  private final IngestService service;

  public IngestHandler() {
    this(System.getenv());
  }

  public IngestHandler(Map<String, String> env) {
    this.service = IngestServices.from(Settings.from(env), "ingest", usage);
    Core.getGlobalContext().register(this);
  }

  /** Runs what the first event would otherwise pay for; SnapStart calls it before the snapshot. */
  public void warmUp() {
    service.warmUp(Deadline.after(java.time.Duration.ofSeconds(10)));
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    warmUp();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to refresh: clients fetch credentials per request and connections reopen on demand.
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    long started = System.nanoTime();
    usage.reset();
    Deadline deadline = InvocationDeadline.of(context);
    List<Map<String, Object>> records = new ArrayList<>();
    List<SourceEvent> changes = new ArrayList<>();
    for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
      try {
        changes.add(change(record));
      } catch (RuntimeException malformed) {
        // Not an event of an object (or not one S3 could send): nothing to index, nothing to retry.
        records.add(Map.of("outcome", "ignored", "reason", String.valueOf(malformed.getMessage())));
      }
    }
    IndexWriter.Outcome written = IndexWriter.Outcome.NONE;
    try {
      for (IngestResult result : service.handle(changes, deadline)) {
        records.add(describe(result));
        written = result.writer();
      }
    } catch (RuntimeException | Error e) {
      InvocationLog.write(
          context,
          "ingest",
          "error",
          (System.nanoTime() - started) / 1_000_000,
          Map.of(
              "records",
              records,
              "dynamodb",
              usage.snapshot(),
              "error",
              e.getClass().getSimpleName() + ": " + e.getMessage()));
      throw e;
    }
    Map<String, Object> details =
        Map.of("records", records, "writer", describe(written), "dynamodb", usage.snapshot());
    InvocationLog.write(
        context,
        "ingest",
        "ok",
        (System.nanoTime() - started) / 1_000_000,
        details,
        metrics(records, written));
    return Json.write(details);
  }

  private static SourceEvent change(S3EventNotification.S3EventNotificationRecord record) {
    S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
    Optional<Instant> time =
        record.getEventTime() == null
            ? Optional.empty()
            : Optional.of(Instant.ofEpochMilli(record.getEventTime().getMillis()));
    SourceEvent e =
        SourceEvent.of(
            record.getEventName(),
            object.getKey(),
            object.geteTag(),
            object.getSizeAsLong(),
            object.getSequencer(),
            time);
    Sequencers.normalize(e.sequencer());
    return e;
  }

  /** Files ingested and rejected, documents folded into the index, items written. */
  private List<InvocationLog.Metric> metrics(
      List<Map<String, Object>> records, IndexWriter.Outcome written) {
    long received = records.stream().filter(r -> !"ignored".equals(r.get("outcome"))).count();
    long rejected = records.stream().filter(r -> "rejected".equals(r.get("outcome"))).count();
    return List.of(
        new InvocationLog.Metric("FilesReceived", "Count", received),
        new InvocationLog.Metric("FilesRejected", "Count", rejected),
        new InvocationLog.Metric("FilesIndexed", "Count", written.folded()),
        new InvocationLog.Metric(
            "ItemsWritten",
            "Count",
            ((Number) usage.snapshot().get("items_written")).doubleValue()));
  }

  private static Map<String, Object> describe(IngestResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", r.key());
    m.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
    m.put("status", r.status().label());
    r.reason().ifPresent(reason -> m.put("reason", reason));
    if (!r.warnings().isEmpty()) {
      m.put("warnings", r.warnings());
    }
    m.put("articles", r.articles());
    m.put("headlines", r.headlines());
    return m;
  }

  /** What the writer did in this invocation, for the log line. */
  static Map<String, Object> describe(IndexWriter.Outcome w) {
    return Map.of(
        "rounds",
        w.rounds(),
        "files",
        w.folded(),
        "terms",
        w.terms(),
        "items_written",
        w.itemsWritten());
  }
}
