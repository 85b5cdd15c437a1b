package org.newsindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.newsindex.analysis.TextAnalyzer;

class SearchCursorTest {
  private static final byte[] KEY = "a key only this test knows".getBytes(StandardCharsets.UTF_8);
  private static final String FINGERPRINT = SearchCursor.fingerprint("q", "", "", "relevance");

  private static SearchCursor cursor(List<Long> docFreqs) {
    return new SearchCursor(FINGERPRINT, 3.25f, 4711, 1_764_115_200L, 10_000, 412_345, docFreqs);
  }

  @Test
  void aCursorComesBackAsItWasMade() {
    SearchCursor made = cursor(List.of(12L, 0L, 9_999L));

    SearchCursor read = SearchCursor.decode(made.encode(KEY), KEY, FINGERPRINT, 3);

    assertEquals(made, read);
  }

  @Test
  void theLongestCursorTheParserAllowsStaysUnderTheLimit() {
    // The most scored words a query may have, each with the largest document frequency.
    List<Long> worst = Collections.nCopies(QueryParser.MAX_SCORED_WORDS, (long) Integer.MAX_VALUE);
    SearchCursor made =
        new SearchCursor(
            FINGERPRINT,
            -Float.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            worst);

    String token = made.encode(KEY);

    assertTrue(token.length() < SearchCursor.MAX_CHARS, token.length() + " characters");
    assertEquals(made, SearchCursor.decode(token, KEY, FINGERPRINT, QueryParser.MAX_SCORED_WORDS));
  }

  @Test
  void aQueryOfTheMostWordsParsesAndItsCursorFits() {
    // Two consonants make a word that is no stop word and that the stemmer keeps as it is.
    String consonants = "bcdfghjklmnpqrstvwxz";
    String phrase =
        IntStream.range(0, QueryParser.MAX_SCORED_WORDS)
            .mapToObj(i -> "" + consonants.charAt(i / 20) + consonants.charAt(i % 20))
            .collect(Collectors.joining(" ", "\"", "\""));
    QueryParser parser = new QueryParser(new TextAnalyzer());

    List<String> scored = QueryEvaluator.scoredTerms(parser.parse(phrase).query());
    BadQueryException more =
        assertThrows(
            BadQueryException.class, () -> parser.parse(phrase.replace("\"bb", "\"extra bb")));

    assertEquals(QueryParser.MAX_SCORED_WORDS, scored.size());
    assertTrue(more.getMessage().contains("more than 256 words"), more.getMessage());
  }

  @Test
  void aChangedByteOrAnotherKeyIsRefused() {
    String token = cursor(List.of(5L)).encode(KEY);
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[20] ^= 1;
    String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    for (String bad : List.of(changed, cursor(List.of(5L)).encode("other".getBytes()), "x.y", "")) {
      BadQueryException e =
          assertThrows(
              BadQueryException.class, () -> SearchCursor.decode(bad, KEY, FINGERPRINT, 1));
      assertTrue(e.getMessage().startsWith("cursor is not valid"), e.getMessage());
    }
  }

  @Test
  void aTokenLongerThanTheLimitIsRefusedUnread() {
    String huge = "A".repeat(SearchCursor.MAX_CHARS + 1);

    BadQueryException e =
        assertThrows(BadQueryException.class, () -> SearchCursor.decode(huge, KEY, FINGERPRINT, 0));

    assertTrue(e.getMessage().startsWith("cursor is not valid"), e.getMessage());
  }

  @Test
  void aCursorOfAnotherSearchIsRefused() {
    String token = cursor(List.of(5L)).encode(KEY);
    String other = SearchCursor.fingerprint("other q", "", "", "relevance");

    for (Runnable decode :
        List.<Runnable>of(
            () -> SearchCursor.decode(token, KEY, other, 1),
            () -> SearchCursor.decode(token, KEY, FINGERPRINT, 2))) {
      BadQueryException e = assertThrows(BadQueryException.class, decode::run);
      assertTrue(e.getMessage().contains("different search"), e.getMessage());
    }
  }
}
