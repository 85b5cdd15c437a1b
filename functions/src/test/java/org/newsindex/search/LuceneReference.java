package org.newsindex.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Lucene itself as the reference for the ranking: an in-memory index analyzed by the same analyzer,
 * scored by Lucene's BM25Similarity, asked the Lucene query that means the same as a parsed one.
 * Ties go to the lower ordinal, as in the index. (The benchmark's {@code bench.LuceneIndex} does
 * the same with filters, over the local cloud's documents; the functions cannot depend on it.)
 */
final class LuceneReference implements AutoCloseable {
  private static final String TEXT = "text";

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private DirectoryReader reader;

  /** One hit: the document's ordinal and its score. */
  record Hit(long ord, float score) {}

  LuceneReference(Analyzer analyzer) {
    try {
      writer =
          new IndexWriter(
              directory, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void add(long ord, String text) {
    Document doc = new Document();
    doc.add(new StoredField("ord", ord));
    doc.add(new TextField(TEXT, text, Field.Store.NO));
    try {
      writer.addDocument(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The best {@code n} hits, by score then ordinal. */
  List<Hit> top(QueryNode.Bool query, int n) {
    try {
      if (reader == null) {
        writer.commit();
        reader = DirectoryReader.open(writer);
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      TopDocs top = searcher.search(translate(query), Math.max(1, reader.maxDoc()));
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        long ord =
            searcher.storedFields().document(sd.doc).getField("ord").numericValue().longValue();
        hits.add(new Hit(ord, sd.score));
      }
      hits.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::ord));
      return hits.subList(0, Math.min(n, hits.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many documents match, as Lucene counts them. */
  int count(QueryNode.Bool query) {
    return top(query, Integer.MAX_VALUE).size();
  }

  private static Query translate(QueryNode node) {
    if (node instanceof QueryNode.Term t) {
      return new TermQuery(new Term(TEXT, t.term()));
    }
    if (node instanceof QueryNode.Phrase p) {
      PhraseQuery.Builder phrase = new PhraseQuery.Builder();
      for (int i = 0; i < p.terms().size(); i++) {
        phrase.add(new Term(TEXT, p.terms().get(i)), p.positions().get(i));
      }
      return phrase.build();
    }
    if (node instanceof QueryNode.Prefix p) {
      return new PrefixQuery(new Term(TEXT, p.prefix()));
    }
    BooleanQuery.Builder bool = new BooleanQuery.Builder();
    for (QueryNode.Clause c : ((QueryNode.Bool) node).clauses()) {
      bool.add(
          translate(c.node()),
          switch (c.occur()) {
            case SHOULD -> BooleanClause.Occur.SHOULD;
            case MUST -> BooleanClause.Occur.MUST;
            case MUST_NOT -> BooleanClause.Occur.MUST_NOT;
          });
    }
    return bool.build();
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
    writer.close();
    directory.close();
  }
}
