package org.newsindex.local.s3;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A change to one object that S3 reports as an event: created (with size and ETag) or removed.
 *
 * @param eventName the name S3 puts in the record, e.g. {@code ObjectCreated:Put}
 * @param key the object key as stored, not URL-encoded
 * @param eTag the ETag without quotes
 */
public record ObjectChange(
    String bucket,
    String key,
    String eventName,
    OptionalLong size,
    Optional<String> eTag,
    Instant time) {

  static ObjectChange created(String bucket, String key, String how, long size, String eTag) {
    return new ObjectChange(
        bucket,
        key,
        "ObjectCreated:" + how,
        OptionalLong.of(size),
        Optional.of(unquote(eTag)),
        Instant.now());
  }

  static ObjectChange removed(String bucket, String key) {
    return new ObjectChange(
        bucket, key, "ObjectRemoved:Delete", OptionalLong.empty(), Optional.empty(), Instant.now());
  }

  private static String unquote(String eTag) {
    if (eTag == null) {
      return "";
    }
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }
}
