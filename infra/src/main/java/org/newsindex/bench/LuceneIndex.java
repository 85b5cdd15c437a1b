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
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
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

  /** One Lucene hit: the document's ordinal, its score and its publication second. */
  public record Hit(long ord, float score, long published) {
    public Hit(long ord, float score) {
      this(ord, score, 0);
    }
  }

  /** How hits are ordered: by score, or by publication time (then ordinal) either way. */
  public enum Order {
    RELEVANCE,
    NEWEST,
    OLDEST
  }

  private final Analyzer analyzer;

  public LuceneIndex(Analyzer analyzer) {
    this.analyzer = analyzer;
    try {
      IndexWriterConfig config =
          new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
      writer = new IndexWriter(directory, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void add(long ord, String kind, int[] sources, String text) {
    add(ord, kind, sources, text, 0);
  }

  /**
   * Adds a document; its publication second is indexed as a {@code LongPoint} (for range filters)
   * with doc values (for sorting), and its text is stored (MoreLikeThis re-analyzes it).
   */
  public void add(long ord, String kind, int[] sources, String text, long published) {
    Document doc = new Document();
    doc.add(new StoredField("ord", ord));
    doc.add(new LongPoint("ord", ord));
    doc.add(new NumericDocValuesField("ord", ord));
    doc.add(new LongPoint("published", published));
    doc.add(new NumericDocValuesField("published", published));
    doc.add(new StoredField("published", published));
    doc.add(new StringField("kind", kind, Field.Store.NO));
    for (int source : sources) {
      doc.add(new IntPoint("source", source));
    }
    doc.add(new TextField(TEXT, text, Field.Store.YES));
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
    return search(query, kinds, sources, Long.MIN_VALUE, Long.MAX_VALUE, Order.RELEVANCE, n);
  }

  /**
   * As {@link #search(QueryNode.Bool, Set, Set, int)}, also filtered to documents published in
   * {@code [from, to)} (seconds; a {@code LongPoint} range as a non-scoring clause), in the order
   * asked for (by publication time: doc values, then ordinal; scores computed either way).
   */
  public List<Hit> search(
      QueryNode.Bool query,
      Set<String> kinds,
      Set<Integer> sources,
      long from,
      long to,
      Order order,
      int n) {
    return run(translate(query), kinds, sources, from, to, order, n, -1, Integer.MAX_VALUE);
  }

  /**
   * As {@link #search(QueryNode.Bool, Set, Set, long, long, Order, int)}, but collecting only the
   * top {@code n} as Lucene ranks them (ties broken Lucene's way, not by ordinal), reading stored
   * fields for those alone: what a Lucene application does for a page, the floor the benchmark
   * times. The exhaustive form, which collects and reads every match to order ties exactly as the
   * engine does, is for comparing results, and its time grows with the matches.
   */
  public List<Hit> top(
      QueryNode.Bool query,
      Set<String> kinds,
      Set<Integer> sources,
      long from,
      long to,
      Order order,
      int n) {
    return run(translate(query), kinds, sources, from, to, order, n, -1, n);
  }

  /**
   * The documents most like one, by Lucene's own {@code MoreLikeThis.like(docId)} over the stored
   * text with these parameters, the query it makes scored by BM25, the document itself left out.
   */
  public List<Hit> related(long ord, int minTermFreq, int minDocFreq, int maxQueryTerms, int n) {
    return related(ord, minTermFreq, minDocFreq, maxQueryTerms, n, Integer.MAX_VALUE);
  }

  /**
   * As {@link #related(long, int, int, int, int)}, collecting only the top {@code n} (and the
   * document itself) as Lucene ranks them: the floor the benchmark times (see {@link #top}).
   */
  public List<Hit> relatedTop(long ord, int minTermFreq, int minDocFreq, int maxQueryTerms, int n) {
    return related(ord, minTermFreq, minDocFreq, maxQueryTerms, n, n + 1);
  }

  private List<Hit> related(
      long ord, int minTermFreq, int minDocFreq, int maxQueryTerms, int n, int collect) {
    try {
      IndexSearcher searcher = searcher();
      TopDocs self = searcher.search(LongPoint.newExactQuery("ord", ord), 1);
      if (self.scoreDocs.length == 0) {
        return List.of();
      }
      int docId = self.scoreDocs[0].doc;
      MoreLikeThis mlt = new MoreLikeThis(reader);
      mlt.setAnalyzer(analyzer);
      mlt.setFieldNames(new String[] {TEXT});
      mlt.setMinTermFreq(minTermFreq);
      mlt.setMinDocFreq(minDocFreq);
      mlt.setMaxQueryTerms(maxQueryTerms);
      return run(
          mlt.like(docId),
          Set.of(),
          Set.of(),
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          Order.RELEVANCE,
          n,
          docId,
          collect);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IndexSearcher searcher() throws IOException {
    if (reader == null) {
      writer.commit();
      reader = DirectoryReader.open(writer);
    }
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
    return searcher;
  }

  private List<Hit> run(
      Query scoring,
      Set<String> kinds,
      Set<Integer> sources,
      long from,
      long to,
      Order order,
      int n,
      int excludedDoc,
      int collect) {
    try {
      IndexSearcher searcher = searcher();
      BooleanQuery.Builder filtered =
          new BooleanQuery.Builder().add(scoring, BooleanClause.Occur.MUST);
      if (from != Long.MIN_VALUE || to != Long.MAX_VALUE) {
        filtered.add(
            LongPoint.newRangeQuery("published", from, to == Long.MAX_VALUE ? to : to - 1),
            BooleanClause.Occur.FILTER);
      }
      if (!kinds.isEmpty()) {
        filtered.add(
            new TermInSetQuery("kind", kinds.stream().map(BytesRef::new).toList()),
            BooleanClause.Occur.FILTER);
      }
      if (!sources.isEmpty()) {
        filtered.add(IntPoint.newSetQuery("source", sources), BooleanClause.Occur.FILTER);
      }
      int all = Math.max(1, Math.min(reader.maxDoc(), collect));
      TopDocs top =
          order == Order.RELEVANCE
              ? searcher.search(filtered.build(), all)
              : searcher.search(
                  filtered.build(),
                  all,
                  new Sort(
                      new SortField("published", SortField.Type.LONG, order == Order.NEWEST),
                      new SortField("ord", SortField.Type.LONG, order == Order.NEWEST)),
                  true);
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        if (sd.doc == excludedDoc) {
          continue;
        }
        Document stored = searcher.storedFields().document(sd.doc);
        hits.add(
            new Hit(
                stored.getField("ord").numericValue().longValue(),
                sd.score,
                stored.getField("published").numericValue().longValue()));
      }
      if (order == Order.RELEVANCE) {
        hits.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::ord));
      }
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
