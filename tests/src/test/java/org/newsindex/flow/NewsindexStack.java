package org.newsindex.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A running newsindex stack, driven as a user drives it: files into its bucket, questions to its
 * HTTP API. The flow tests run against every implementation: the local cloud, LocalStack, a
 * deployed stack.
 */
interface NewsindexStack extends AutoCloseable {
  /** What the stack is, for messages. */
  String description();

  /** The key prefix the stack ingests ("" unless it was deployed with a CorpusPrefix). */
  String corpusPrefix();

  /** Puts an object into the corpus bucket and returns its eTag (without quotes). */
  String upload(String key, byte[] content);

  /** Deletes an object from the corpus bucket. */
  void delete(String key);

  /** {@code GET /search?q=}: the answer's JSON; fails unless the status is 200. */
  JsonNode search(String query);

  /**
   * Waits until the file's status ({@code GET /sources/{key}}) shows the upload with this eTag
   * processed, ingested or rejected, and returns that status.
   */
  JsonNode awaitIndexed(String key, String etag);

  /** Waits until the file's status is {@code deleted} and returns that status. */
  JsonNode awaitDeleted(String key);

  /** How long indexing may take on this stack (cold starts included). */
  Duration patience();

  @Override
  void close();
}
