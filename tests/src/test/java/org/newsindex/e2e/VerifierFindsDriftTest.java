package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.ChunkCodec;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.TermDirectory;
import org.newsindex.verify.IndexVerifier;
import org.newsindex.verify.VerificationReport;

/**
 * The consistency check finds every kind of posting drift: the seed corpus's index, read from the
 * local cloud's table, is altered in memory one posting at a time, and the check must name it. A
 * check that passes on the clean table and on none of these is one that can fail.
 */
class VerifierFindsDriftTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  private static IndexSnapshot snapshot() {
    return IndexSnapshot.load(cloud.dynamoDb, cloud.cloud.table());
  }

  private static VerificationReport verify(IndexSnapshot snapshot) {
    return new IndexVerifier(new TextAnalyzer()).verify(snapshot);
  }

  /** The longest list of a word that one chunk holds whole, so that its entries are all at hand. */
  private static TermDirectory oneChunkTerm(IndexSnapshot snapshot) {
    return snapshot.directories().values().stream()
        .filter(d -> !d.term().equals(TermDirectory.ALL_DOCUMENTS) && d.chunks().size() == 1)
        .max((a, b) -> Integer.compare(a.docFreq(), b.docFreq()))
        .orElseThrow();
  }

  /** The snapshot with one chunk of {@code term}'s list replaced by {@code edit} of its entries. */
  private static IndexSnapshot edited(
      IndexSnapshot s, String term, UnaryOperator<List<PostingEntry>> edit) {
    Map<String, Map<Integer, byte[]>> chunks = new TreeMap<>(s.chunks());
    Map<Integer, byte[]> list = new TreeMap<>(chunks.get(term));
    int id = list.keySet().iterator().next();
    list.put(
        id, ChunkCodec.encode(edit.apply(new ArrayList<>(ChunkCodec.decode(list.get(id), term)))));
    chunks.put(term, list);
    return new IndexSnapshot(
        s.manifests(),
        s.documents(),
        s.pointers(),
        s.directories(),
        chunks,
        s.headlineSuggestions(),
        s.sealedSources(),
        s.fileKeys(),
        s.filePublished(),
        s.markers(),
        s.journalPages(),
        s.overLimits());
  }

  private static PostingEntry with(PostingEntry e, int tf, int[] positions, int[] sources) {
    return new PostingEntry(
        e.ord(), e.kind(), tf, e.normByte(), e.form(), positions, sources, e.published(), e.key());
  }

  private static void assertFinds(IndexSnapshot tampered, String expected) {
    List<String> drift = verify(tampered).drift();
    assertTrue(
        drift.stream().anyMatch(d -> d.contains(expected)),
        "the check should report \"" + expected + "\", reported " + drift);
  }

  @Test
  void theSeedIndexHasNoDrift() {
    VerificationReport report = verify(snapshot());
    assertTrue(report.consistent(), report.drift().toString());
    assertTrue(report.counts().get("postings") > 300, report.counts().toString());
  }

  @Test
  void aPostingWithAnotherFrequencyOrPositionOrSourceIsReported() {
    IndexSnapshot s = snapshot();
    String term = oneChunkTerm(s).term();
    List<PostingEntry> entries =
        ChunkCodec.decode(s.chunks().get(term).values().iterator().next(), term);
    assertFinds(
        edited(
            s,
            term,
            l -> {
              PostingEntry e = l.get(0);
              l.set(0, with(e, e.tf() + 1, e.positions(), e.sources()));
              return l;
            }),
        "term '" + term + "' posting of ordinal " + entries.get(0).ord() + " is ");
    assertFinds(
        edited(
            s,
            term,
            l -> {
              PostingEntry e = l.get(1);
              int[] moved = Arrays.copyOf(e.positions(), e.positions().length);
              moved[moved.length - 1] += 1;
              l.set(1, with(e, e.tf(), moved, e.sources()));
              return l;
            }),
        "term '" + term + "' posting of ordinal " + entries.get(1).ord() + " is ");
    assertFinds(
        edited(
            s,
            TermDirectory.ALL_DOCUMENTS,
            l -> {
              PostingEntry e = l.get(0);
              l.set(0, with(e, e.tf(), e.positions(), new int[] {123_456}));
              return l;
            }),
        "term '*' posting of ordinal ");
  }

  @Test
  void aMissingADuplicatedAndAnOrphanPostingAreReported() {
    IndexSnapshot s = snapshot();
    TermDirectory dir = oneChunkTerm(s);
    String term = dir.term();
    List<PostingEntry> entries =
        ChunkCodec.decode(s.chunks().get(term).values().iterator().next(), term);
    PostingEntry first = entries.get(0);
    assertFinds(
        edited(
            s,
            term,
            l -> {
              l.remove(0);
              return l;
            }),
        "term '" + term + "' is missing the posting of ordinal " + first.ord());
    assertFinds(
        edited(
            s,
            term,
            l -> {
              l.add(1, first);
              return l;
            }),
        "term '" + term + "' lists ordinal " + first.ord() + " twice");
    long stranger =
        s.documents().keySet().stream()
            .filter(ord -> entries.stream().noneMatch(e -> e.ord() == ord))
            .findFirst()
            .orElseThrow();
    assertFinds(
        edited(
            s,
            term,
            l -> {
              PostingEntry last = l.get(l.size() - 1);
              l.add(
                  new PostingEntry(
                      stranger,
                      last.kind(),
                      1,
                      last.normByte(),
                      0,
                      new int[] {0},
                      last.sources(),
                      last.published(),
                      0));
              return l;
            }),
        "term '" + term + "' has an orphan posting for ordinal " + stranger);
  }
}
