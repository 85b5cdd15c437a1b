package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.newsindex.api.Json;
import org.newsindex.config.Settings;
import org.newsindex.index.Deadline;
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
    service.warmUp();
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
    try {
      for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
        S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
        SourceEvent change =
            SourceEvent.of(
                record.getEventName(),
                object.getKey(),
                object.geteTag(),
                object.getSizeAsLong(),
                object.getSequencer());
        IngestResult result = service.handle(change, deadline);
        records.add(describe(result));
      }
    } catch (RuntimeException e) {
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
    Map<String, Object> details = Map.of("records", records, "dynamodb", usage.snapshot());
    InvocationLog.write(
        context,
        "ingest",
        "ok",
        (System.nanoTime() - started) / 1_000_000,
        details,
        metrics(records));
    return Json.write(details);
  }

  /** Files ingested and rejected, documents folded into the index, items written. */
  private List<InvocationLog.Metric> metrics(List<Map<String, Object>> records) {
    long ingested =
        records.stream()
            .filter(r -> "indexed".equals(r.get("outcome")) || "recorded".equals(r.get("outcome")))
            .count();
    long rejected = records.stream().filter(r -> "rejected".equals(r.get("outcome"))).count();
    long documents = 0;
    for (Map<String, Object> r : records) {
      if (r.get("compaction") instanceof Map<?, ?> c && c.get("files") instanceof Number files) {
        documents += files.longValue();
      }
    }
    return List.of(
        new InvocationLog.Metric("FilesReceived", "Count", ingested),
        new InvocationLog.Metric("FilesRejected", "Count", rejected),
        new InvocationLog.Metric("FilesIndexed", "Count", documents),
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
    if (r.compaction().rounds() > 0) {
      m.put(
          "compaction",
          Map.of(
              "rounds",
              r.compaction().rounds(),
              "files",
              r.compaction().folded(),
              "terms",
              r.compaction().terms(),
              "items_written",
              r.compaction().itemsWritten()));
    }
    return m;
  }
}
