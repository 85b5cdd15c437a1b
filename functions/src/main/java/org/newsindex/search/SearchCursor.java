package org.newsindex.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a page ended, as an opaque, signed token: the last hit's position in the order (its score
 * and ordinal), a fingerprint of the query it belongs to, and the statistics the first page was
 * scored with, so that every page of a search scores documents the same way. The HMAC makes a
 * changed or forged cursor detectable.
 */
public record SearchCursor(
    String fingerprint,
    float score,
    long ord,
    long docCount,
    long sumLength,
    Map<String, Long> docFreqs) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  public SearchCursor {
    docFreqs = new TreeMap<>(docFreqs);
  }

  /** Whether a hit with this score and ordinal comes after the cursor in relevance order. */
  public boolean beforeByRelevance(float hitScore, long hitOrd) {
    int byScore = Float.compare(score, hitScore);
    return byScore > 0 || (byScore == 0 && hitOrd > ord);
  }

  public String encode(byte[] key) {
    try {
      Wire wire =
          new Wire(1, fingerprint, Float.floatToIntBits(score), ord, docCount, sumLength, docFreqs);
      String payload = B64.encodeToString(JSON.writeValueAsBytes(wire));
      return payload + "." + B64.encodeToString(sign(key, payload));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SearchCursor decode(String token, byte[] key, String expectedFingerprint) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      throw invalid();
    }
    String payload = token.substring(0, dot);
    byte[] signature;
    try {
      signature = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(signature, sign(key, payload))) {
      throw invalid();
    }
    Wire wire;
    try {
      wire = JSON.readValue(B64D.decode(payload), Wire.class);
    } catch (IOException | IllegalArgumentException e) {
      throw invalid();
    }
    if (!wire.f().equals(expectedFingerprint)) {
      throw new BadQueryException(
          "cursor belongs to a different search; send the same q, kind, source and sort "
              + "as the request that returned it");
    }
    return new SearchCursor(
        wire.f(), Float.intBitsToFloat(wire.s()), wire.o(), wire.n(), wire.l(), wire.d());
  }

  /** A short digest of what defines a search's result order. */
  public static String fingerprint(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return B64.encodeToString(sha.digest()).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sign(byte[] key, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
      byte[] truncated = new byte[16];
      System.arraycopy(full, 0, truncated, 0, 16);
      return truncated;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadQueryException invalid() {
    return new BadQueryException(
        "cursor is not valid: pass next_cursor exactly as a previous response gave it");
  }

  /** The JSON form inside the token; short names keep cursors short. */
  record Wire(int v, String f, int s, long o, long n, long l, Map<String, Long> d) {}
}
