package org.newsindex.index;

/**
 * The single table's key layout, in one place. Every item has a string partition key {@code pk} and
 * sort key {@code sk}; text that goes into a key is bounded by {@link KeyText} so no input can make
 * a key DynamoDB refuses:
 *
 * <pre>
 *   SRC              | s3 key                 a file's manifest: its last event, status, what is indexed
 *   PENDING#n        | s3 key ␁ sequencer     an event not yet reflected in the index (n: 0..3 by key)
 *   DOC#ord          | DOC                    a document: title, text, sources (the first 20), length
 *   HSRC#ord         | first file ordinal     a widely listed headline's further source files, packed
 *   ID#doc id        | ID                     a document id's current ordinal
 *   TERM#2 chars     | term                   a term's directory: its chunks and statistics
 *   POST#term        | chunk id               a chunk of the term's postings
 *   SUG#2 chars      | title ␟ h              a headline title to suggest
 *   FILE#ord         | FILE                   a file ordinal's S3 key
 *   COUNTER          | name                   ordinal allocation
 *   LEASE            | writer                 who may write the index now, and its fencing token
 *   ROUND            | page                   the intents of the round being written
 * </pre>
 */
public final class TableKeys {
  public static final String SOURCE = "SRC";
  public static final String PENDING_PREFIX = "PENDING#";
  public static final int PENDING_SHARDS = 4;
  public static final char SUGGESTION_SEPARATOR = '\u001f';
  static final char MARKER_SEPARATOR = '\u0001';

  /** Room for the separator and a normalized sequencer after a key in a marker's sort key. */
  private static final int MARKER_KEY_BYTES = KeyText.SORT_KEY_BYTES - 1 - 32;

  private TableKeys() {}

  public static ItemKey source(String key) {
    return new ItemKey(SOURCE, sourceSortKey(key));
  }

  static String sourceSortKey(String key) {
    return KeyText.bounded(key, KeyText.SORT_KEY_BYTES);
  }

  /** The pending-marker partition a key's events go to (spread so no one key takes the load). */
  public static String pendingPartition(String key) {
    return PENDING_PREFIX + Math.floorMod(key.hashCode(), PENDING_SHARDS);
  }

  static String markerPrefix(String key) {
    return KeyText.bounded(key, MARKER_KEY_BYTES) + MARKER_SEPARATOR;
  }

  public static ItemKey marker(String key, String sequencer) {
    return new ItemKey(pendingPartition(key), markerPrefix(key) + sequencer);
  }

  public static ItemKey document(long ord) {
    return new ItemKey("DOC#" + ord, "DOC");
  }

  static String headlineSourcesPartition(long ord) {
    return "HSRC#" + ord;
  }

  static ItemKey headlineSources(long ord, int firstFileOrd) {
    return new ItemKey(headlineSourcesPartition(ord), String.format("%010d", firstFileOrd));
  }

  public static ItemKey pointer(String docId) {
    return new ItemKey("ID#" + docId, "ID");
  }

  public static String directoryPartition(String termOrPrefix) {
    return "TERM#" + head(termOrPrefix);
  }

  public static ItemKey directory(String term) {
    return new ItemKey(directoryPartition(term), termSortKey(term));
  }

  static String termSortKey(String term) {
    return KeyText.bounded(term, KeyText.SORT_KEY_BYTES);
  }

  public static ItemKey chunk(String term, int chunkId) {
    return new ItemKey(
        "POST#" + KeyText.bounded(term, KeyText.PARTITION_KEY_BYTES - 5),
        String.format("%08d", chunkId));
  }

  public static String suggestionPartition(String textOrPrefix) {
    return "SUG#" + head(textOrPrefix);
  }

  public static ItemKey suggestion(String text, String type) {
    return new ItemKey(
        suggestionPartition(text),
        KeyText.bounded(text, KeyText.SORT_KEY_BYTES - 2) + SUGGESTION_SEPARATOR + type);
  }

  public static ItemKey file(long ord) {
    return new ItemKey("FILE#" + ord, "FILE");
  }

  public static ItemKey counter(String name) {
    return new ItemKey("COUNTER", name);
  }

  public static ItemKey lease(String name) {
    return new ItemKey("LEASE", name);
  }

  static ItemKey roundPage(int page) {
    return new ItemKey("ROUND", String.format("%04d", page));
  }

  /** The first two characters (code points) of a term or text, which name its partition. */
  public static String head(String text) {
    int end = text.offsetByCodePoints(0, Math.min(2, text.codePointCount(0, text.length())));
    return text.substring(0, end);
  }
}
