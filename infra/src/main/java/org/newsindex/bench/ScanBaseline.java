package org.newsindex.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.newsindex.index.StoredDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * What a quick tutorial would do: one item per document in a table of its own, searched with a Scan
 * and a filter expression ({@code contains} on the lower-cased text for each word, OR'ed as the
 * engine's bare words are; a phrase as one {@code contains}).
 */
final class ScanBaseline implements AutoCloseable {
  private final DynamoDbClient client;
  private final String table;
  private final long tableBytes;
  private final long readUnits;
  private final long requests;

  /** A scan outcome: how long it took, items scanned, documents matched. */
  record Outcome(double millis, long scanned, long matched) {}

  ScanBaseline(DynamoDbClient client, String table, Iterable<StoredDocument> documents)
      throws Exception {
    this.client = client;
    this.table = table;
    Tables.create(client, table, "id", null);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (StoredDocument d : documents) {
      items.add(
          Map.of(
              "id",
              AttributeValue.fromS(d.id()),
              "kind",
              AttributeValue.fromS(d.kind().label()),
              "title",
              AttributeValue.fromS(d.title()),
              "text_lc",
              AttributeValue.fromS(d.text().toLowerCase(Locale.ROOT)),
              "pub",
              AttributeValue.fromN(Long.toString(d.published().getEpochSecond()))));
    }
    Tables.writeAll(client, table, items, 8);
    // What a Scan of the whole table costs on DynamoDB: a request per 1 MB of items read, a read
    // unit per 4 KB of each request's items (strongly consistent; eventually consistent is half).
    long bytes = 0;
    long units = 0;
    long pages = 0;
    long page = 0;
    for (Map<String, AttributeValue> item : items) {
      long size = org.newsindex.index.ItemSize.of(item);
      if (page > 0 && page + size > PAGE_BYTES) {
        units += (page + 4095) / 4096;
        pages++;
        page = 0;
      }
      page += size;
      bytes += size;
    }
    if (page > 0 || pages == 0) {
      units += (page + 4095) / 4096;
      pages++;
    }
    this.tableBytes = bytes;
    this.readUnits = units;
    this.requests = pages;
  }

  private static final long PAGE_BYTES = 1 << 20;

  /** Read units one Scan of the whole table costs on DynamoDB, whatever its filter. */
  long readUnitsPerScan() {
    return readUnits;
  }

  /** Requests one Scan of the whole table takes on DynamoDB (1 MB each). */
  long requestsPerScan() {
    return requests;
  }

  long tableBytes() {
    return tableBytes;
  }

  Outcome search(QueryClass.Query query) {
    // A related-documents query scans for documents containing any of its title's first 8 words.
    String q =
        query.related().isPresent()
            ? query.q().toLowerCase(Locale.ROOT).replace("\"", " ").strip()
            : query.q().toLowerCase(Locale.ROOT);
    List<String> conditions = new ArrayList<>();
    Map<String, AttributeValue> values = new HashMap<>();
    if (q.startsWith("\"")) {
      conditions.add("contains(text_lc, :w0)");
      values.put(":w0", AttributeValue.fromS(q.replace("\"", "")));
    } else {
      String[] words = q.split("\\s+");
      if (query.related().isPresent() && words.length > 8) {
        words = java.util.Arrays.copyOf(words, 8);
      }
      for (int i = 0; i < words.length; i++) {
        conditions.add("contains(text_lc, :w" + i + ")");
        values.put(":w" + i, AttributeValue.fromS(words[i]));
      }
    }
    String filter = "(" + String.join(" OR ", conditions) + ")";
    if (!query.kind().isEmpty()) {
      filter += " AND #kind = :kind";
      values.put(":kind", AttributeValue.fromS(query.kind()));
    }
    if (query.dated()) {
      filter += " AND pub BETWEEN :from AND :last";
      values.put(":from", AttributeValue.fromN(Long.toString(query.from())));
      values.put(":last", AttributeValue.fromN(Long.toString(query.to() - 1)));
    }
    String expression = filter;
    long started = System.nanoTime();
    long scanned = 0;
    long matched = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page =
          client.scan(
              b -> {
                b.tableName(table).filterExpression(expression).expressionAttributeValues(values);
                if (!query.kind().isEmpty()) {
                  b.expressionAttributeNames(Map.of("#kind", "kind"));
                }
                if (from != null) {
                  b.exclusiveStartKey(from);
                }
              });
      scanned += page.scannedCount();
      matched += page.count();
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return new Outcome((System.nanoTime() - started) / 1e6, scanned, matched);
  }

  @Override
  public void close() {
    Tables.delete(client, table);
  }
}
