package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.newsindex.api.Json;
import org.newsindex.config.Settings;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.ReindexCheckpoint;

/**
 * The reindex function: indexes every object of the bucket (under {@code prefix}, if the event
 * names one) that the table does not hold as it is, for a stack deployed onto a bucket of files or
 * a table rebuilt from scratch. Invoke it once (the console's Test button with {@code {}}, or
 * {@code newsindex reindex --in-stack}); it lists and records for most of its time, folds what it
 * can, and leaves a checkpoint the every-minute sweep continues from until the bucket is done.
 */
public final class ReindexHandler implements RequestHandler<Map<String, Object>, String> {
  /** The part of the invocation kept for folding what was listed. */
  private static final Duration FOLDING = Duration.ofSeconds(40);

  private final DynamoDbUsage usage = new DynamoDbUsage();
  private final IngestServices.Core core;

  public ReindexHandler() {
    this(System.getenv());
  }

  public ReindexHandler(Map<String, String> env) {
    this.core = IngestServices.core(Settings.from(env), "reindex", usage);
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    long started = System.nanoTime();
    usage.reset();
    Deadline deadline = InvocationDeadline.of(context);
    String prefix = event == null ? "" : String.valueOf(event.getOrDefault("prefix", ""));
    boolean restart = event != null && Boolean.TRUE.equals(event.get("restart"));
    ReindexCheckpoint at = core.reindex().start(prefix, restart);
    at = core.reindex().run(at, listingDeadline(deadline), c -> {});
    IndexWriter.Outcome written = core.ingest().writeIfFree(deadline);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("prefix", prefix);
    details.put("listed", at.listed());
    details.put("changes_recorded", at.marked());
    details.put("listing_done", at.token().isEmpty());
    details.put("writer", IngestHandler.describe(written));
    details.put("dynamodb", usage.snapshot());
    InvocationLog.write(
        context, "reindex", "ok", (System.nanoTime() - started) / 1_000_000, details);
    return Json.write(details);
  }

  /** Listing stops early enough to leave time for folding. */
  static Deadline listingDeadline(Deadline deadline) {
    Duration left = deadline.remaining();
    Duration listing = left.minus(FOLDING);
    return Deadline.after(listing.compareTo(left.dividedBy(2)) < 0 ? left.dividedBy(2) : listing);
  }
}
