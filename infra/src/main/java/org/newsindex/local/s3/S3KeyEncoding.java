package org.newsindex.local.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes object keys the way S3 event notifications carry them: form URL encoding of the UTF-8
 * bytes (a space becomes {@code +}, a {@code +} becomes {@code %2B}), with {@code /} left as is.
 */
public final class S3KeyEncoding {
  private S3KeyEncoding() {}

  public static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }
}
