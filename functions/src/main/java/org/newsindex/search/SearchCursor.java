package org.newsindex.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;

/**
 * Where a page ended, as an opaque, signed token: the last hit's position in the order (its score
 * or publication second, and ordinal), a fingerprint of the search it belongs to, and the
 * statistics the first page was scored with, so that every page of a search scores documents the
 * same way. Only the statistics scores depend on are carried: the corpus's document count and total
 * length, and the document frequency of each scored word in the order the query names them (prefix
 * expansions score a constant and excluded words not at all, so theirs are not needed). The token
 * is binary (varints) and at most {@value #MAX_CHARS} characters for any query the parser accepts.
 * The HMAC makes a changed or forged cursor detectable, and is checked before anything else is
 * read.
 */
public record SearchCursor(
    String fingerprint,
    float score,
    long ord,
    long published,
    long docCount,
    long sumLength,
    List<Long> docFreqs) {

  /** The longest token a search accepts (and, by the parser's limits, the longest it gives). */
  public static final int MAX_CHARS = 2_048;

  private static final int VERSION = 3;
  private static final int FINGERPRINT_BYTES = 12;
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  public SearchCursor {
    docFreqs = List.copyOf(docFreqs);
  }

  /** Whether a hit with this score and ordinal comes after the cursor in relevance order. */
  public boolean beforeByRelevance(float hitScore, long hitOrd) {
    int byScore = Float.compare(score, hitScore);
    return byScore > 0 || (byScore == 0 && hitOrd > ord);
  }

  /** Whether a hit published at this second comes after the cursor, newest or oldest first. */
  public boolean beforeByTime(long hitPublished, long hitOrd, boolean newestFirst) {
    if (hitPublished != published) {
      return newestFirst ? hitPublished < published : hitPublished > published;
    }
    return newestFirst ? hitOrd < ord : hitOrd > ord;
  }

  public String encode(byte[] key) {
    // version, fingerprint, score, 3 longs, count and frequencies: at most 10 bytes a varint.
    byte[] buffer = new byte[1 + FINGERPRINT_BYTES + 4 + 10 * (5 + docFreqs.size())];
    ByteArrayDataOutput out = new ByteArrayDataOutput(buffer);
    try {
      out.writeByte((byte) VERSION);
      out.writeBytes(B64D.decode(fingerprint), FINGERPRINT_BYTES);
      out.writeInt(Float.floatToIntBits(score));
      out.writeZLong(ord);
      out.writeZLong(published);
      out.writeVLong(docCount);
      out.writeVLong(sumLength);
      out.writeVInt(docFreqs.size());
      for (long df : docFreqs) {
        out.writeVLong(df);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("an array cannot fail to be written", e);
    }
    byte[] payload = Arrays.copyOf(buffer, out.getPosition());
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(sign(key, payload), 0, token, payload.length, MAC_BYTES);
    return B64.encodeToString(token);
  }

  /**
   * The cursor a token holds, if it was signed with the key and belongs to the search with this
   * fingerprint and number of scored words.
   */
  public static SearchCursor decode(
      String token, byte[] key, String expectedFingerprint, int scoredWords) {
    if (token.length() > MAX_CHARS) {
      throw invalid();
    }
    byte[] bytes;
    try {
      bytes = B64D.decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (bytes.length <= MAC_BYTES + 1 + FINGERPRINT_BYTES) {
      throw invalid();
    }
    byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
    byte[] mac = Arrays.copyOfRange(bytes, payload.length, bytes.length);
    if (!MessageDigest.isEqual(mac, sign(key, payload))) {
      throw invalid();
    }
    SearchCursor cursor;
    try {
      ByteArrayDataInput in = new ByteArrayDataInput(payload);
      if (in.readByte() != VERSION) {
        throw invalid();
      }
      byte[] fingerprint = new byte[FINGERPRINT_BYTES];
      in.readBytes(fingerprint, 0, FINGERPRINT_BYTES);
      float score = Float.intBitsToFloat(in.readInt());
      long ord = in.readZLong();
      long published = in.readZLong();
      long docCount = in.readVLong();
      long sumLength = in.readVLong();
      int n = in.readVInt();
      if (n < 0 || n > payload.length) {
        throw invalid();
      }
      List<Long> docFreqs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        docFreqs.add(in.readVLong());
      }
      if (!in.eof()) {
        throw invalid();
      }
      cursor =
          new SearchCursor(
              B64.encodeToString(fingerprint),
              score,
              ord,
              published,
              docCount,
              sumLength,
              docFreqs);
    } catch (IOException | RuntimeException e) {
      throw e instanceof BadQueryException bad ? bad : invalid();
    }
    if (!cursor.fingerprint().equals(expectedFingerprint)
        || cursor.docFreqs().size() != scoredWords) {
      throw new BadQueryException(
          "cursor belongs to a different search; send the same q, kind, source, sort, from and to "
              + "as the request that returned it");
    }
    return cursor;
  }

  /** A short digest of what defines a search's result order. */
  public static String fingerprint(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return B64.encodeToString(Arrays.copyOf(sha.digest(), FINGERPRINT_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sign(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadQueryException invalid() {
    return new BadQueryException(
        "cursor is not valid: pass next_cursor exactly as a previous response gave it");
  }
}
