package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import org.newsindex.corpus.HeadlineText;

/**
 * Suggestion items, partitioned by their first two characters so that a prefix of two or more
 * characters is one Query: word forms (counted by the documents that use them) and headline titles
 * (counted by the files that list them).
 */
public final class SuggestionStore {
  private static final String WORD_TYPE = "w";
  private static final String HEADLINE_TYPE = "h";

  private final IndexTable table;

  public SuggestionStore(IndexTable table) {
    this.table = table;
  }

  /** Suggestions whose text starts with the prefix (lower-cased), at most {@code scan} of them read. */
  public List<Suggestion> startingWith(String prefix, int scan) {
    String normalized = HeadlineText.normalize(prefix);
    return table.query(q -> q.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
            .expressionAttributeValues(Map.of(":pk", s(TableKeys.suggestionPartition(normalized)), ":prefix", s(normalized))),
        scan).stream().map(SuggestionStore::decode).toList();
  }

  /**
   * Whether a word suggestion's stored count must be rewritten when a form's document count goes
   * from {@code before} to {@code after}: when its {@linkplain #bucket bucket} changes. Stored counts
   * are therefore exact below ten and within a tenth above, and most compactions write none.
   */
  public static boolean countChanged(long before, long after) {
    return bucket(before) != bucket(after);
  }

  /** Counts below ten are their own bucket; above, buckets are 10% wide (a geometric scale). */
  public static long bucket(long count) {
    return count < 10 ? count : 10 + (long) Math.floor(Math.log(count / 10.0) / Math.log(1.1));
  }

  public static WriteRequest putWord(String form, String term, long count) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.suggestion(form, WORD_TYPE).toMap());
    item.put("display", s(form));
    item.put("term", s(term));
    item.put("count", n(count));
    return IndexTable.put(item);
  }

  public static WriteRequest deleteWord(String form) {
    return IndexTable.delete(TableKeys.suggestion(form, WORD_TYPE));
  }

  public static WriteRequest putHeadline(String title, String documentId, long count) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.suggestion(key(title), HEADLINE_TYPE).toMap());
    item.put("display", s(title));
    item.put("id", s(documentId));
    item.put("count", n(count));
    return IndexTable.put(item);
  }

  public static WriteRequest deleteHeadline(String title) {
    return IndexTable.delete(TableKeys.suggestion(key(title), HEADLINE_TYPE));
  }

  private static String key(String title) {
    return HeadlineText.normalize(title).toLowerCase(Locale.ROOT);
  }

  private static Suggestion decode(Map<String, AttributeValue> item) {
    String sk = item.get("sk").s();
    boolean headline = sk.endsWith(TableKeys.SUGGESTION_SEPARATOR + HEADLINE_TYPE);
    return new Suggestion(Attributes.requiredString(item, "display"), headline ? Suggestion.HEADLINE : Suggestion.WORD,
        Attributes.number(item, "count", 0), Attributes.string(item, "id"));
  }
}
