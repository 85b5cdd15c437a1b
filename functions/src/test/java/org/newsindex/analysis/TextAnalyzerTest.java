package org.newsindex.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;
import org.newsindex.corpus.SeedFiles;

class TextAnalyzerTest {
  private static final List<String> HOSTILE =
      List.of(
          "",
          "   ",
          "The President's speech: running, runs, ran! Don't stop the runners' race.",
          "Ünïcödé naïve café résumé — “quotes” and 日本語のテキスト and emoji 🚀🔥 mixed in",
          "3.14 1,000,000 covid-19 e-mail U.S.A. a.b.c x86_64 foo@example.com"
              + " https://example.com/x",
          "a an and are as at be but by for if in into is it no not of on or such that the their",
          "x".repeat(300) + " after a token longer than the tokenizer's limit",
          "\u0000\u0001 control \uFFFD replacement \uD83D unpaired surrogate");

  /** Every text the test analyzes: the hostile ones and every seed file's. */
  private static List<String> texts() {
    List<String> texts = new ArrayList<>(HOSTILE);
    SeedFiles.paths()
        .forEach(p -> texts.add(new String(SeedFiles.bytes(p), StandardCharsets.UTF_8)));
    return texts;
  }

  @Test
  void tokensHaveTheTermsPositionsAndOffsetsOfLucenesEnglishAnalyzer() throws IOException {
    TextAnalyzer analyzer = new TextAnalyzer();
    try (Analyzer english = new EnglishAnalyzer()) {
      for (String text : texts()) {
        assertEquals(reference(english, text), described(analyzer.tokens(text)), text);
      }
    }
  }

  @Test
  void eachTokensSurfaceIsItsTermBeforeStemming() throws IOException {
    TextAnalyzer analyzer = new TextAnalyzer();
    try (Analyzer unstemmed = new UnstemmedEnglish()) {
      for (String text : texts()) {
        List<String> surfaces = analyzer.tokens(text).stream().map(Token::surface).toList();
        assertEquals(terms(unstemmed, text), surfaces, text);
      }
    }
  }

  @Test
  void aPossessiveAndAStemGiveTheirWordsSurface() {
    List<Token> tokens = new TextAnalyzer().tokens("The runners' races");
    assertEquals(List.of("runner", "race"), tokens.stream().map(Token::term).toList());
    assertEquals(List.of("runners", "races"), tokens.stream().map(Token::surface).toList());
    assertEquals(List.of(1, 2), tokens.stream().map(Token::position).toList());
  }

  private static List<String> described(List<Token> tokens) {
    return tokens.stream()
        .map(t -> t.term() + "@" + t.position() + ":" + t.startOffset() + "-" + t.endOffset())
        .toList();
  }

  private static List<String> reference(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        out.add(term + "@" + position + ":" + offset.startOffset() + "-" + offset.endOffset());
      }
      stream.end();
    }
    return out;
  }

  private static List<String> terms(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    }
    return out;
  }

  /** EnglishAnalyzer's chain without its stemmer: what a surface form is. */
  private static final class UnstemmedEnglish extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream result = new EnglishPossessiveFilter(source);
      result = new LowerCaseFilter(result);
      result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      return new TokenStreamComponents(source, result);
    }
  }
}
