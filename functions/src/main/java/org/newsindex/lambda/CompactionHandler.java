package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.newsindex.api.Json;
import org.newsindex.config.Settings;
import org.newsindex.index.Deadline;
import org.newsindex.ingest.Compactor;
import org.newsindex.ingest.IngestService;

/**
 * The scheduled sweep: folds into the index any file still pending, which happens only when the
 * compactor that was folding it died. Does nothing while another compactor is at work.
 */
public final class CompactionHandler implements RequestHandler<ScheduledEvent, String> {
  private final DynamoDbUsage usage = new DynamoDbUsage();
  private final IngestService service;

  public CompactionHandler() {
    this(System.getenv());
  }

  public CompactionHandler(Map<String, String> env) {
    this.service = IngestServices.from(Settings.from(env), "sweep", usage);
  }

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    long started = System.nanoTime();
    usage.reset();
    Deadline deadline = InvocationDeadline.of(context);
    // Nearly always nothing waits: then one read, and no write to take the lease.
    Compactor.Outcome outcome =
        service.anyPending() ? service.compactIfFree(deadline) : Compactor.Outcome.NONE;
    Map<String, Object> details =
        Map.of(
            "rounds",
            outcome.rounds(),
            "files_folded",
            outcome.folded(),
            "terms_changed",
            outcome.terms(),
            "items_written",
            outcome.itemsWritten(),
            "dynamodb",
            usage.snapshot());
    InvocationLog.write(
        context, "compact", "ok", (System.nanoTime() - started) / 1_000_000, details);
    return Json.write(details);
  }
}
