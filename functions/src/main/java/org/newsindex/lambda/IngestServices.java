package org.newsindex.lambda;

import java.time.Clock;
import java.util.UUID;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.config.Settings;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.index.IndexTable;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.PendingStore;
import org.newsindex.index.ReindexStore;
import org.newsindex.index.SourceStore;
import org.newsindex.index.WriterSettings;
import org.newsindex.ingest.BucketReconciler;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.S3CorpusObjects;

/**
 * Builds the ingest core from a function's settings, for the handlers that share it. The writer's
 * lease owner is named afresh for each attempt, never in the constructor, which SnapStart runs once
 * for every execution environment restored from its snapshot.
 */
final class IngestServices {
  private IngestServices() {}

  /** The ingest service and the reindex, over the same clients. */
  record Core(IngestService ingest, BucketReconciler reindex) {}

  static IngestService from(Settings settings, String role, DynamoDbUsage usage) {
    return core(settings, role, usage).ingest();
  }

  static Core core(Settings settings, String role, DynamoDbUsage usage) {
    String bucket =
        settings
            .bucketName()
            .orElseThrow(
                () -> new IllegalStateException("environment variable BUCKET_NAME is not set"));
    IndexTable table = new IndexTable(Clients.dynamoDb(settings, usage), settings.tableName());
    S3CorpusObjects objects = new S3CorpusObjects(Clients.s3(settings), bucket);
    IndexWriter writer =
        new IndexWriter(
            table,
            objects,
            new CorpusParser(settings.maxArticleBytes()),
            new TextAnalyzer(),
            WriterSettings.forMemory(
                settings.maxFileBytes(), settings.postingChunkBytes(), settings.memoryMb()),
            Clock.systemUTC());
    IngestService ingest =
        new IngestService(
            new PendingStore(table),
            new SourceStore(table),
            writer,
            () -> role + "-" + UUID.randomUUID(),
            Clock.systemUTC());
    BucketReconciler reindex =
        new BucketReconciler(
            objects,
            new SourceStore(table),
            new PendingStore(table),
            new ReindexStore(table),
            Clock.systemUTC());
    return new Core(ingest, reindex);
  }
}
