package org.newsindex.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.newsindex.corpus.CorpusListing;
import org.newsindex.corpus.CorpusObjects;
import org.newsindex.corpus.ObjectRead;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads corpus files from an S3 bucket, only at the version an event named (If-Match on its eTag),
 * and lists them for a reindex.
 */
public final class S3CorpusObjects implements CorpusObjects, CorpusListing {
  private final S3Client s3;
  private final String bucket;

  public S3CorpusObjects(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public ObjectRead head(String key, String etag) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(key).ifMatch(ifMatch(etag)));
    } catch (S3Exception e) {
      return gone(e);
    }
    return new ObjectRead.Found(new byte[0], head.metadata(), storedAt(head.lastModified()));
  }

  @Override
  public ObjectRead read(String key, String etag, long maxBytes) {
    ResponseInputStream<GetObjectResponse> body;
    try {
      body = s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(ifMatch(etag)));
    } catch (S3Exception e) {
      return gone(e);
    }
    try (body) {
      Long length = body.response().contentLength();
      if (length != null && length > maxBytes) {
        body.abort();
        return new ObjectRead.TooLarge(length);
      }
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        body.abort();
        return new ObjectRead.TooLarge(bytes.length);
      }
      return new ObjectRead.Found(
          bytes, body.response().metadata(), storedAt(body.response().lastModified()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
    }
  }

  /** The condition that the object is still the version the event named (none without an eTag). */
  private static String ifMatch(String etag) {
    return etag.isEmpty() ? null : '"' + etag + '"';
  }

  /** A read refused because the object is gone (404) or changed (412); anything else is thrown. */
  private static ObjectRead gone(S3Exception e) {
    if (e instanceof NoSuchKeyException || e.statusCode() == 404) {
      return new ObjectRead.Missing();
    }
    if (e.statusCode() == 412) {
      return new ObjectRead.Changed();
    }
    throw e;
  }

  private static Instant storedAt(Instant lastModified) {
    return lastModified == null ? Instant.EPOCH : lastModified;
  }

  @Override
  public Page list(String prefix, Optional<String> token, int max) {
    var response =
        s3.listObjectsV2(
            b -> {
              b.bucket(bucket).maxKeys(Math.min(1000, max));
              if (!prefix.isEmpty()) {
                b.prefix(prefix);
              }
              token.ifPresent(b::continuationToken);
            });
    return new Page(
        response.contents().stream()
            .map(
                o ->
                    new ListedObject(
                        o.key(),
                        o.eTag() == null ? "" : o.eTag().replace("\"", ""),
                        o.size() == null ? 0 : o.size(),
                        o.lastModified() == null ? java.time.Instant.EPOCH : o.lastModified()))
            .toList(),
        Boolean.TRUE.equals(response.isTruncated())
            ? Optional.ofNullable(response.nextContinuationToken())
            : Optional.empty());
  }
}
