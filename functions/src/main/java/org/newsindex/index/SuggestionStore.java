package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.newsindex.corpus.HeadlineText;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Autocomplete: headline titles from suggestion items partitioned by their first two characters,
 * ranked by how many files list them in powers of two (so a title's item is rewritten only when its
 * count doubles or halves, not with every file that lists it), and words straight from the term
 * directories (each holds its surface forms and how many documents use each), so word suggestions
 * cost no writes.
 */
public final class SuggestionStore {
  private static final String HEADLINE_TYPE = "h";

  /**
   * A stem is at most this many characters shorter than the words it comes from (Porter's longest
   * suffix).
   */
  private static final int STEM_SLACK = 4;

  private final IndexTable table;

  public SuggestionStore(IndexTable table) {
    this.table = table;
  }

  /**
   * Words and headline titles whose text starts with the prefix, at most {@code scan} of each kind
   * read.
   */
  public List<Suggestion> startingWith(String prefix, int scan, Deadline deadline) {
    String normalized = HeadlineText.normalize(prefix);
    if (normalized.codePointCount(0, normalized.length()) < 2) {
      return List.of();
    }
    List<Suggestion> out = new ArrayList<>(words(normalized, scan, deadline));
    // A key condition longer than a sort key is refused by DynamoDB: match on a bounded prefix
    // and filter on the whole one.
    String keyPrefix = KeyText.prefix(normalized, KeyText.SORT_KEY_BYTES - 24);
    table
        .query(
            q ->
                q.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk",
                            s(TableKeys.suggestionPartition(normalized)),
                            ":prefix",
                            s(keyPrefix))),
            scan,
            deadline)
        .stream()
        .map(SuggestionStore::decode)
        .filter(h -> key(h.text()).startsWith(normalized))
        .forEach(out::add);
    return out;
  }

  /**
   * Surface forms starting with the prefix, from the directories of stems that could produce them:
   * stems starting with the prefix less a few characters are read (their forms and counts only) and
   * their forms filtered, so "negotiat" finds "negotiations" under the stem "negoti".
   */
  private List<Suggestion> words(String prefix, int scan, Deadline deadline) {
    int length = prefix.codePointCount(0, prefix.length());
    int keep = Math.min(length, Math.max(2, length - STEM_SLACK));
    String stemPrefix =
        KeyText.prefix(
            prefix.substring(0, prefix.offsetByCodePoints(0, keep)), KeyText.SORT_KEY_BYTES - 24);
    List<Suggestion> out = new ArrayList<>();
    table
        .query(
            q ->
                q.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .projectionExpression("sk, forms, formDf")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk",
                            s(TableKeys.directoryPartition(stemPrefix)),
                            ":prefix",
                            s(stemPrefix))),
            scan,
            deadline)
        .forEach(
            item -> {
              List<String> forms = Attributes.stringList(item, "forms");
              List<Long> counts = Attributes.numberList(item, "formDf");
              for (int i = 0; i < forms.size() && i < counts.size(); i++) {
                if (counts.get(i) > 0 && forms.get(i).startsWith(prefix)) {
                  out.add(
                      new Suggestion(
                          forms.get(i), Suggestion.WORD, counts.get(i), Optional.empty()));
                }
              }
            });
    return out;
  }

  /** The count a headline suggestion shows for {@code files} listing it: a power of two. */
  public static long bucket(long files) {
    return files <= 0 ? 0 : Long.highestOneBit(files);
  }

  static TableWrite putHeadline(String title, String documentId, long files, long epoch) {
    Map<String, AttributeValue> item =
        new HashMap<>(TableKeys.suggestion(key(title), HEADLINE_TYPE).toMap());
    item.put("display", s(title));
    item.put("id", s(documentId));
    item.put("count", n(bucket(files)));
    item.put("epoch", n(epoch));
    return TableWrite.put(item);
  }

  static TableWrite deleteHeadline(String title) {
    return TableWrite.delete(TableKeys.suggestion(key(title), HEADLINE_TYPE));
  }

  private static String key(String title) {
    return HeadlineText.normalize(title).toLowerCase(Locale.ROOT);
  }

  private static Suggestion decode(Map<String, AttributeValue> item) {
    return new Suggestion(
        Attributes.requiredString(item, "display"),
        Suggestion.HEADLINE,
        Attributes.number(item, "count", 0),
        Attributes.string(item, "id"));
  }
}
