package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.newsindex.api.Json;
import org.newsindex.config.Settings;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.ReindexCheckpoint;

/**
 * The scheduled sweep: continues a reindex its own invocation left unfinished, and folds into the
 * index any event still waiting (which happens only when the writer that was folding it died). Does
 * nothing while another writer is at work.
 */
public final class CompactionHandler implements RequestHandler<ScheduledEvent, String> {
  private final DynamoDbUsage usage = new DynamoDbUsage();
  private final IngestServices.Core core;

  public CompactionHandler() {
    this(System.getenv());
  }

  public CompactionHandler(Map<String, String> env) {
    this.core = IngestServices.core(Settings.from(env), "sweep", usage);
  }

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    long started = System.nanoTime();
    usage.reset();
    Deadline deadline = InvocationDeadline.of(context);
    // A reindex left unfinished by its own invocation goes on here, a listing page at a time.
    long listed = 0;
    for (ReindexCheckpoint c : core.reindex().unfinished()) {
      listed += core.reindex().run(c, ReindexHandler.listingDeadline(deadline), p -> {}).listed();
    }
    // Nearly always nothing waits: then a few small reads, and no write to take the lease.
    IndexWriter.Outcome outcome = core.ingest().writeIfFree(deadline);
    Map<String, Object> details =
        Map.of(
            "writer",
            IngestHandler.describe(outcome),
            "reindex_listed",
            listed,
            "dynamodb",
            usage.snapshot());
    InvocationLog.write(
        context, "compact", "ok", (System.nanoTime() - started) / 1_000_000, details);
    return Json.write(details);
  }
}
