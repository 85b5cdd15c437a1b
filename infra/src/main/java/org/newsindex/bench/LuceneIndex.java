package org.newsindex.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
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
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.newsindex.search.QueryNode;

/**
 * An in-memory Lucene index of the same documents, analyzed by the same analyzer and scored by
 * Lucene's own BM25Similarity, queried with the Lucene equivalent of each parsed query: the
 * reference the ranking is tested against, and the latency floor the benchmark compares with. Ties
 * are broken by document ordinal, as the index does.
 */
public final class LuceneIndex implements AutoCloseable {
  private static final String TEXT = "text";

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private DirectoryReader reader;

  /** One Lucene hit: the document's ordinal and its score. */
  public record Hit(long ord, float score) {}

  public LuceneIndex(Analyzer analyzer) {
    try {
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
      writer = new IndexWriter(directory, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void add(long ord, String kind, int[] sources, String text) {
    Document doc = new Document();
    doc.add(new StoredField("ord", ord));
    doc.add(new StringField("kind", kind, Field.Store.NO));
    for (int source : sources) {
      doc.add(new IntPoint("source", source));
    }
    doc.add(new TextField(TEXT, text, Field.Store.NO));
    try {
      writer.addDocument(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The best {@code n} hits, ordered by score then ordinal, with the kind and source filters as
   * non-scoring clauses.
   */
  public List<Hit> search(QueryNode.Bool query, Set<String> kinds, Set<Integer> sources, int n) {
    try {
      if (reader == null) {
        writer.commit();
        reader = DirectoryReader.open(writer);
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      BooleanQuery.Builder filtered =
          new BooleanQuery.Builder().add(translate(query), BooleanClause.Occur.MUST);
      if (!kinds.isEmpty()) {
        filtered.add(
            new TermInSetQuery("kind", kinds.stream().map(BytesRef::new).toList()),
            BooleanClause.Occur.FILTER);
      }
      if (!sources.isEmpty()) {
        filtered.add(IntPoint.newSetQuery("source", sources), BooleanClause.Occur.FILTER);
      }
      TopDocs top = searcher.search(filtered.build(), Math.max(1, reader.maxDoc()));
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

  /** The number of documents matching, as Lucene counts them. */
  public int count(QueryNode.Bool query) {
    return search(query, Set.of(), Set.of(), Integer.MAX_VALUE).size();
  }

  /** The Lucene query that means the same as a parsed query. */
  public static Query translate(QueryNode node) {
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
