package org.newsindex.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Turns text into tokens with Lucene's {@link EnglishAnalyzer}'s chain, the one used at ingest, at
 * query time and by the Lucene agreement test. The chain that makes the tokens is that analyzer's,
 * with one filter added before its Porter stemmer that keeps each token's surface form (for
 * suggestions and highlighting): one pass over the text gives both.
 */
public final class TextAnalyzer implements AutoCloseable {
  private static final String FIELD = "text";

  private final Analyzer stemming = new EnglishAnalyzer();
  private final Analyzer indexing = new IndexingAnalyzer();

  /** The analyzer the index uses; tests hand the same one to Lucene. */
  public Analyzer luceneAnalyzer() {
    return stemming;
  }

  /** All tokens of the text, in order. */
  public List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = indexing.tokenStream(FIELD, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      SurfaceAttribute surface = stream.addAttribute(SurfaceAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        tokens.add(
            new Token(
                term.toString(),
                surface.surface(),
                position,
                offset.startOffset(),
                offset.endOffset()));
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
    indexing.close();
  }

  /**
   * EnglishAnalyzer's chain (its default stop words, no stem exclusions), the surface form kept
   * before the stemmer.
   */
  private static final class IndexingAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream result = new EnglishPossessiveFilter(source);
      result = new LowerCaseFilter(result);
      result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      result = new SurfaceFilter(result);
      result = new PorterStemFilter(result);
      return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }

  /** Copies each token's term, as it is when it reaches this filter, into its surface form. */
  private static final class SurfaceFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final SurfaceAttribute surface = addAttribute(SurfaceAttribute.class);

    SurfaceFilter(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      surface.setSurface(term.toString());
      return true;
    }
  }
}
