package org.newsindex.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.IndexTable;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.Lease;
import org.newsindex.index.PendingStore;
import org.newsindex.index.PostingListEditor;
import org.newsindex.index.SourceStore;
import org.newsindex.index.WriteFence;
import org.newsindex.index.WriterSettings;
import org.newsindex.ingest.IngestResult;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.S3CorpusObjects;
import org.newsindex.ingest.SourceEvent;
import org.newsindex.local.LocalClients;
import org.newsindex.local.s3.S3KeyEncoding;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingest core run in the test's own process against the local cloud's DynamoDB and S3, with a
 * table and bucket of its own (not wired to the ingest function) and, optionally, faults injected
 * into its DynamoDB client. Events are made here, with increasing sequencers, as S3 would send
 * them.
 */
final class IsolatedIngest {
  private static final AtomicLong NAMES = new AtomicLong();
  private static final AtomicLong SEQUENCER = new AtomicLong(0x1000);

  final String table;
  final String bucket;
  private final TestCloud cloud;
  private final S3Client s3;

  IsolatedIngest(TestCloud cloud) {
    this.cloud = cloud;
    long n = NAMES.incrementAndGet();
    this.table = "isolated-" + n + "-" + System.nanoTime();
    this.bucket = "isolated-" + n + "-" + System.nanoTime() % 100000;
    this.s3 = cloud.s3;
    s3.createBucket(b -> b.bucket(bucket));
    createTable(table);
  }

  /** Another index table beside this one's (for the same bucket), created and active. */
  String anotherTable() {
    String name = table + "-" + NAMES.incrementAndGet();
    createTable(name);
    return name;
  }

  private void createTable(String name) {
    cloud.dynamoDb.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"))
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(cloud.dynamoDb)
            .overrideConfiguration(
                w -> w.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50))))
            .build()) {
      waiter.waitUntilTableExists(b -> b.tableName(name));
    }
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  /** An ingest service; faults (if any) sit between its DynamoDB client and dynalite. */
  IngestService service(Optional<ExecutionInterceptor> faults, Duration leaseTtl) {
    return service(faults, leaseTtl, PostingListEditor.MAX_CHUNK_BYTES);
  }

  /** An ingest service that splits posting chunks at {@code chunkBytes}. */
  IngestService service(Optional<ExecutionInterceptor> faults, Duration leaseTtl, int chunkBytes) {
    String owner = "test-" + NAMES.incrementAndGet();
    return service(client(faults), () -> owner, settings(leaseTtl).withChunkBytes(chunkBytes));
  }

  /**
   * What the writers of these tests use: no waiting for uploads to gather, and a lease that lasts
   * {@code leaseHold} between renewals (a writer that dies lets it lapse that soon).
   */
  static WriterSettings settings(Duration leaseHold) {
    Duration grace = leaseHold.dividedBy(5);
    return new WriterSettings(
        10L * 1024 * 1024,
        PostingListEditor.MAX_CHUNK_BYTES,
        grace.compareTo(Duration.ofSeconds(1)) < 0 ? grace : Duration.ofSeconds(1),
        leaseHold,
        Duration.ZERO,
        Duration.ZERO,
        WriterSettings.roundWorkFor(1769),
        8L << 20,
        WriterSettings.roundMemoryFor(1769));
  }

  IngestService service(DynamoDbClient client, Supplier<String> owners, WriterSettings settings) {
    return service(client, owners, settings, new CorpusParser(200_000));
  }

  IngestService service(
      DynamoDbClient client,
      Supplier<String> owners,
      WriterSettings settings,
      CorpusParser parser) {
    IndexTable indexTable = new IndexTable(client, table);
    return new IngestService(
        new PendingStore(indexTable),
        new SourceStore(indexTable),
        new IndexWriter(
            indexTable,
            new S3CorpusObjects(s3, bucket),
            parser,
            new TextAnalyzer(),
            settings,
            Clock.systemUTC()),
        owners,
        Clock.systemUTC());
  }

  /**
   * An ingest service whose compactor takes its lease under a name drawn from {@code owners} for
   * each attempt, as the functions' is; {@code observer} sees its DynamoDB requests.
   */
  IngestService service(Supplier<String> owners, ExecutionInterceptor observer) {
    return service(client(Optional.of(observer)), owners, settings(Duration.ofSeconds(30)));
  }

  DynamoDbClient client(Optional<ExecutionInterceptor> interceptor) {
    return DynamoDbClient.builder()
        .endpointOverride(cloud.cloud.dynamoDbEndpoint())
        .region(Region.of(cloud.cloud.region()))
        .credentialsProvider(LocalClients.credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c -> {
              interceptor.ifPresent(c::addExecutionInterceptor);
              c.addExecutionInterceptor(new WriteFence());
            })
        .build();
  }

  /** Records the events while a busy writer holds the lease, so that one round folds them all. */
  void recordWhileBusy(IngestService service, List<SourceEvent> events) {
    Lease busy =
        new Lease(
            new IndexTable(cloud.dynamoDb, table), IndexWriter.LEASE, "busy", Clock.systemUTC());
    if (!busy.tryAcquire(Duration.ofMinutes(5))) {
      throw new IllegalStateException("the lease is held");
    }
    service.handle(events, Deadline.after(Duration.ofMinutes(2)));
    busy.release();
  }

  IngestService service() {
    return service(Optional.empty(), Duration.ofSeconds(30));
  }

  /** Puts an object and returns the event S3 would send for it. */
  SourceEvent put(String key, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String etag = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)).eTag();
    return SourceEvent.of(
        "ObjectCreated:Put", S3KeyEncoding.encode(key), etag, (long) bytes.length, nextSequencer());
  }

  static IngestResult handle(IngestService service, SourceEvent event) {
    return handle(service, event, Duration.ofSeconds(60));
  }

  static IngestResult handle(IngestService service, SourceEvent event, Duration time) {
    return service.handle(event, Deadline.after(time));
  }

  IndexSnapshot snapshot() {
    return IndexSnapshot.load(cloud.dynamoDb, table);
  }

  IndexContent content() {
    return IndexContent.of(snapshot());
  }

  /** Fails with the drift (after {@code context}) unless the consistency check finds none. */
  void assertConsistent(String context) {
    Consistency.assertNoDrift(snapshot(), context);
  }

  private static String nextSequencer() {
    return String.format("%018X", SEQUENCER.addAndGet(0x10));
  }
}
