package org.newsindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsindex.analysis.TextAnalyzer;

class HighlighterTest {
  private final Highlighter highlighter = new Highlighter(new TextAnalyzer());

  @Test
  void marksMatchedWordsAsTheyAppearInTheText() {
    assertEquals(
        "<em>Jimmy</em> <em>Lai’s</em> trial",
        highlighter.snippet("Jimmy Lai’s trial", Set.of("jimmi", "lai")));
  }

  @Test
  void escapesEverythingElseSoNoMarkupIsInjected() {
    String snippet =
        highlighter.snippet("<script>alert('x')</script> & war news \"quoted\"", Set.of("war"));
    assertEquals(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <em>war</em> news"
            + " &quot;quoted&quot;",
        snippet);
    assertFalse(snippet.replace("<em>", "").replace("</em>", "").contains("<"));
  }

  @Test
  void picksTheBestPassageNotTheFirst() {
    String text =
        "The weather was mild across the region on Monday, with light winds and sun. ".repeat(3)
            + "Officials said talks in Istanbul would resume on June 2 after a pause. "
            + "Markets were calm and trading volumes were low all week long in the city.".repeat(2);
    String snippet = highlighter.snippet(text, Set.of("istanbul", "talk"));
    assertTrue(snippet.contains("<em>talks</em> in <em>Istanbul</em>"), snippet);
    assertTrue(snippet.length() <= Highlighter.MAX_SNIPPET_CHARS + 40, snippet);
  }
}
