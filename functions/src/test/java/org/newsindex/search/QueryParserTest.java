package org.newsindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsindex.analysis.TextAnalyzer;

class QueryParserTest {
  private final QueryParser parser = new QueryParser(new TextAnalyzer());

  private static QueryNode.Clause clause(Occur occur, String term) {
    return new QueryNode.Clause(occur, new QueryNode.Term(term));
  }

  private QueryNode.Bool parse(String q) {
    return parser.parse(q).query();
  }

  @Test
  void bareWordsAreOptionalStemmedTerms() {
    assertEquals(
        List.of(clause(Occur.SHOULD, "jimmi"), clause(Occur.SHOULD, "lai")),
        parse("Jimmy Lai").clauses());
  }

  @Test
  void plusAndMinusRequireAndExclude() {
    assertEquals(
        List.of(
            clause(Occur.MUST, "ukrain"),
            clause(Occur.MUST_NOT, "russia"),
            clause(Occur.SHOULD, "talk")),
        parse("+ukraine -russia talks").clauses());
  }

  @Test
  void andMakesBothNeighboursRequiredAsLuceneDoes() {
    assertEquals(
        List.of(
            clause(Occur.MUST, "peac"), clause(Occur.MUST, "talk"), clause(Occur.SHOULD, "berlin")),
        parse("peace AND talks berlin").clauses());
  }

  @Test
  void notExcludesTheNextClauseAndAndNotKeepsTheFirstRequired() {
    assertEquals(
        List.of(clause(Occur.MUST, "trump"), clause(Occur.MUST_NOT, "bbc")),
        parse("trump AND NOT bbc").clauses());
    assertEquals(
        List.of(clause(Occur.SHOULD, "trump"), clause(Occur.MUST_NOT, "bbc")),
        parse("trump NOT bbc").clauses());
  }

  @Test
  void quotedTextIsAPhraseWithStopWordGaps() {
    QueryNode.Phrase phrase =
        (QueryNode.Phrase) parse("\"talks in Istanbul\"").clauses().get(0).node();
    assertEquals(List.of("talk", "istanbul"), phrase.terms());
    assertEquals(List.of(0, 2), phrase.positions());
  }

  @Test
  void starMakesAPrefixOfTwoOrMoreCharacters() {
    assertEquals(new QueryNode.Prefix("ukr"), parse("Ukr*").clauses().get(0).node());
    BadQueryException e = assertThrows(BadQueryException.class, () -> parse("u*"));
    assertTrue(e.getMessage().contains("at least 2 characters"));
  }

  @Test
  void groupsNest() {
    QueryNode.Bool q = parse("+(peace OR ceasefire) ukraine");
    assertEquals(Occur.MUST, q.clauses().get(0).occur());
    assertEquals(2, ((QueryNode.Bool) q.clauses().get(0).node()).clauses().size());
  }

  @Test
  void malformedSyntaxIsReadAsPlainWordsWithANote() {
    QueryParser.Parsed parsed = parser.parse("\"jimmy lai - verdict");
    assertEquals(
        List.of(
            clause(Occur.SHOULD, "jimmi"),
            clause(Occur.SHOULD, "lai"),
            clause(Occur.SHOULD, "verdict")),
        parsed.query().clauses());
    assertEquals(2, parsed.notes().size());
  }

  @Test
  void queriesWithNothingToSearchForAreRefusedWithAReason() {
    assertTrue(
        assertThrows(BadQueryException.class, () -> parse("the of and"))
            .getMessage()
            .contains("stop words"));
    assertTrue(
        assertThrows(BadQueryException.class, () -> parse("-war"))
            .getMessage()
            .contains("only excludes"));
    assertTrue(
        assertThrows(BadQueryException.class, () -> parse("-"))
            .getMessage()
            .contains("no searchable words"));
  }

  @Test
  void hyphenatedWordsBecomeAnOptionalGroup() {
    QueryNode node = parse("+russia-ukraine").clauses().get(0).node();
    assertEquals(
        new QueryNode.Bool(List.of(clause(Occur.SHOULD, "russia"), clause(Occur.SHOULD, "ukrain"))),
        node);
  }

  @Test
  void groupsNestedDeeperThanTheLimitAreRefusedBeforeTheyAreParsed() {
    String deepest = "(".repeat(QueryParser.MAX_DEPTH) + "war" + ")".repeat(QueryParser.MAX_DEPTH);
    String deeper = "(" + deepest + ")";
    String unclosed = "(".repeat(900) + "war";

    assertEquals(1, parse(deepest).clauses().size());
    for (String q : List.of(deeper, unclosed)) {
      BadQueryException e = assertThrows(BadQueryException.class, () -> parse(q));
      assertTrue(e.getMessage().contains("more than 32 deep"), e.getMessage());
    }
  }

  @Test
  void unmatchedClosingParenthesesDoNotCountAsDepth() {
    String q = ")".repeat(100) + "(".repeat(QueryParser.MAX_DEPTH) + "war";

    assertEquals(1, parse(q).clauses().size());
  }

  @Test
  void lengthIsCountedInCharactersNotUtf16Units() {
    // U+10100, a punctuation mark outside the Basic Multilingual Plane: two UTF-16 units.
    String mark = "\uD800\uDD00";
    String fits = "war " + mark.repeat(QueryParser.MAX_QUERY_CHARS - 4);

    assertEquals(1, parse(fits).clauses().size());
    BadQueryException e = assertThrows(BadQueryException.class, () -> parse(fits + mark));
    assertTrue(e.getMessage().contains("1001 characters"), e.getMessage());
  }

  @Test
  void aRepeatedAssumptionIsNotedOnce() {
    assertEquals(List.of("a lone '+' was ignored"), parser.parse("war + + + peace +").notes());
  }
}
