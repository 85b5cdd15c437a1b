package org.newsindex.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.newsindex.corpus.HeadlineText;

/**
 * Stable document ids: an article is named by the S3 key of its file, a headline by its normalized
 * text, so re-ingesting a file or listing a headline in another file names the same document.
 */
public final class DocumentIds {
  private DocumentIds() {}

  public static String article(String sourceKey) {
    return "a" + digest("article\n" + sourceKey);
  }

  public static String headline(String headline) {
    return "h" + digest("headline\n" + HeadlineText.normalize(headline));
  }

  /** A short hex digest of the text, also used to tell whether an article's content changed. */
  public static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean isValid(String id) {
    return id != null
        && id.length() == 17
        && (id.charAt(0) == 'a' || id.charAt(0) == 'h')
        && id.substring(1).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
