package org.newsindex.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.newsindex.search.SearchBudget;

/**
 * Everything a function reads from its environment, parsed once. Handlers build it from the map
 * they are given (System.getenv() on AWS, a per-function map in the local cloud), so no other code
 * reads the environment.
 */
public record Settings(
    String tableName,
    Optional<String> bucketName,
    String region,
    Optional<URI> dynamoDbEndpoint,
    Optional<URI> s3Endpoint,
    Optional<StaticCredentials> credentials,
    long maxFileBytes,
    int maxArticleBytes,
    Optional<String> cursorSigningKey,
    int postingChunkBytes,
    int memoryMb,
    SearchBudget searchBudget) {

  /** Access keys given in the environment (the local cloud, or Lambda's own session keys). */
  public record StaticCredentials(
      String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {}

  public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_MAX_ARTICLE_BYTES = 200_000;

  public static Settings from(Map<String, String> env) {
    String table = required(env, "TABLE_NAME");
    String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION").orElse("us-east-1");
    Optional<StaticCredentials> credentials =
        value(env, "AWS_ACCESS_KEY_ID")
            .flatMap(
                id ->
                    value(env, "AWS_SECRET_ACCESS_KEY")
                        .map(
                            secret ->
                                new StaticCredentials(
                                    id, secret, value(env, "AWS_SESSION_TOKEN"))));
    return new Settings(
        table,
        value(env, "BUCKET_NAME"),
        region,
        value(env, "DYNAMODB_ENDPOINT").map(URI::create),
        value(env, "S3_ENDPOINT").map(URI::create),
        credentials,
        number(env, "MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES),
        (int) number(env, "MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES),
        value(env, "CURSOR_SIGNING_KEY"),
        (int) number(env, "POSTING_CHUNK_BYTES", 64 * 1024),
        (int) number(env, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 1769),
        searchBudget(env));
  }

  /** What one search may read: SEARCH_BUDGET_ITEMS items and SEARCH_BUDGET_READ_UNITS units. */
  private static SearchBudget searchBudget(Map<String, String> env) {
    long items = number(env, "SEARCH_BUDGET_ITEMS", SearchBudget.DEFAULT.items());
    long units = number(env, "SEARCH_BUDGET_READ_UNITS", (long) SearchBudget.DEFAULT.readUnits());
    if (items < 1 || items > Integer.MAX_VALUE || units < 1) {
      throw new IllegalStateException(
          "SEARCH_BUDGET_ITEMS and SEARCH_BUDGET_READ_UNITS must be at least 1, got "
              + items
              + " and "
              + units);
    }
    return new SearchBudget((int) items, units);
  }

  private static String required(Map<String, String> env, String name) {
    return value(env, name)
        .orElseThrow(
            () -> new IllegalStateException("environment variable " + name + " is not set"));
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static Optional<String> first(Map<String, String> env, String... names) {
    for (String name : names) {
      Optional<String> v = value(env, name);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.get());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "environment variable " + name + " must be a whole number, got '" + v.get() + "'");
    }
  }
}
