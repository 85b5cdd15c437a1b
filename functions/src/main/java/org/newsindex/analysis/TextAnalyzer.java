package org.newsindex.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Turns text into tokens with Lucene's {@link EnglishAnalyzer}, the one chain used at ingest, at
 * query time and by the Lucene agreement test. A second chain, identical but for the final Porter
 * stemmer, gives each token's surface form for suggestions; both chains emit the same tokens in the
 * same order, so they are zipped.
 */
public final class TextAnalyzer implements AutoCloseable {
  private static final String FIELD = "text";

  private final Analyzer stemming = new EnglishAnalyzer();
  private final Analyzer surface = new SurfaceAnalyzer();

  /** The analyzer the index uses; tests hand the same one to Lucene. */
  public Analyzer luceneAnalyzer() {
    return stemming;
  }

  /** All tokens of the text, in order. */
  public List<Token> tokens(String text) {
    List<String> surfaces = new ArrayList<>();
    try (TokenStream stream = surface.tokenStream(FIELD, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        surfaces.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Token> tokens = new ArrayList<>(surfaces.size());
    try (TokenStream stream = stemming.tokenStream(FIELD, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int position = -1;
      int i = 0;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        String surfaceForm = i < surfaces.size() ? surfaces.get(i) : term.toString();
        tokens.add(
            new Token(
                term.toString(), surfaceForm, position, offset.startOffset(), offset.endOffset()));
        i++;
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  /** The analyzed terms of a piece of query text, in order. */
  public List<String> terms(String text) {
    return tokens(text).stream().map(Token::term).toList();
  }

  @Override
  public void close() {
    stemming.close();
    surface.close();
  }

  /** EnglishAnalyzer's chain without its stemmer. */
  private static final class SurfaceAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream result = new EnglishPossessiveFilter(source);
      result = new LowerCaseFilter(result);
      result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}
