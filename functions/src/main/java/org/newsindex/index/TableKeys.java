package org.newsindex.index;

/**
 * The single table's key layout, in one place. Every item has a string partition key {@code pk} and
 * sort key {@code sk}:
 *
 * <pre>
 *   SRC            | &lt;s3 key&gt;            a file's status: what was received and what is indexed
 *   PENDING        | &lt;s3 key&gt;            a file whose latest event is not yet reflected in the index
 *   DOC#&lt;ord&gt;     | DOC                  a document: title, text, sources, length
 *   ID#&lt;doc id&gt;   | ID                   a document id's current ordinal
 *   TERM#&lt;2 chars&gt; | &lt;term&gt;              a term's directory: its chunks and statistics
 *   POST#&lt;term&gt;   | &lt;chunk id&gt;          a chunk of the term's postings
 *   SUG#&lt;2 chars&gt;  | &lt;title&gt;\u001fh      a headline title to suggest
 *   FILE#&lt;ord&gt;    | FILE                 a file ordinal's S3 key
 *   COUNTER        | &lt;name&gt;              ordinal allocation
 *   LEASE          | compactor            who may write postings now
 * </pre>
 */
public final class TableKeys {
  public static final String SOURCE = "SRC";
  public static final String PENDING = "PENDING";
  public static final char SUGGESTION_SEPARATOR = '\u001f';

  private TableKeys() {}

  public static ItemKey source(String key) {
    return new ItemKey(SOURCE, key);
  }

  public static ItemKey pending(String key) {
    return new ItemKey(PENDING, key);
  }

  public static ItemKey document(long ord) {
    return new ItemKey("DOC#" + ord, "DOC");
  }

  public static ItemKey pointer(String docId) {
    return new ItemKey("ID#" + docId, "ID");
  }

  public static String directoryPartition(String termOrPrefix) {
    return "TERM#" + head(termOrPrefix);
  }

  public static ItemKey directory(String term) {
    return new ItemKey(directoryPartition(term), term);
  }

  public static ItemKey chunk(String term, int chunkId) {
    return new ItemKey("POST#" + term, String.format("%08d", chunkId));
  }

  public static String suggestionPartition(String textOrPrefix) {
    return "SUG#" + head(textOrPrefix);
  }

  public static ItemKey suggestion(String text, String type) {
    return new ItemKey(suggestionPartition(text), text + SUGGESTION_SEPARATOR + type);
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

  /** The first two characters (code points) of a term or text, which name its partition. */
  public static String head(String text) {
    int end = text.offsetByCodePoints(0, Math.min(2, text.codePointCount(0, text.length())));
    return text.substring(0, end);
  }
}
