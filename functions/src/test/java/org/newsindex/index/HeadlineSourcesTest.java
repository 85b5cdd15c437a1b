package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HeadlineSourcesTest {
  private static StoredDocument headline(HeadlineSources s, SourceOverflow overflow) {
    return new StoredDocument(
        7,
        "h0000000000000007",
        DocKind.HEADLINE,
        "T",
        "T",
        new ArrayList<>(s.listed().values()),
        new ArrayList<>(s.listed().keySet()),
        1,
        Instant.EPOCH,
        "",
        overflow,
        Instant.EPOCH);
  }

  /** Adds files 1..n to a fresh headline, sealing as the writer does. */
  private static StoredDocument withSources(int n) {
    HeadlineSources s = new HeadlineSources(7);
    for (int f = 1; f <= n; f++) {
      s.add(f, "k" + f);
    }
    return headline(s, s.seal());
  }

  @Test
  void theFirstTwentyFilesAreNamedAndTheRestCounted() {
    StoredDocument doc = withSources(25);
    assertEquals(20, doc.sources().size());
    assertEquals(List.of(1, 2, 3), doc.sourceOrds().subList(0, 3));
    assertEquals(25, doc.sourceCount());
    assertEquals(new TreeSet<>(List.of(21, 22, 23, 24, 25)), doc.overflow().tail());
  }

  @Test
  void addingAFileTwiceChangesNothing() {
    StoredDocument doc = withSources(30);
    HeadlineSources again = new HeadlineSources(7, doc);
    again.add(3, "k3");
    again.add(28, "k28");
    assertFalse(again.listedChanged());
    assertEquals(30, again.count());
  }

  @Test
  void aLongTailIsSealedIntoAChunkAndCountedFromItsSummary() {
    StoredDocument doc = withSources(20 + SourceOverflow.SEAL_AT);
    assertEquals(1, doc.overflow().sealed().size());
    assertTrue(doc.overflow().tail().isEmpty());
    assertEquals(20 + SourceOverflow.SEAL_AT, doc.sourceCount());
    HeadlineSources next = new HeadlineSources(7, doc);
    next.add(5000, "k5000");
    SourceOverflow after = next.seal();
    assertEquals(Set.of(5000), after.tail());
    assertEquals(21 + SourceOverflow.SEAL_AT, next.count());
    assertTrue(next.chunksToWrite().isEmpty(), "an append past the chunks touches no chunk");
  }

  @Test
  void removingANamedFilePromotesTheSmallestOfTheRestFromItsChunk() {
    StoredDocument doc = withSources(20 + SourceOverflow.SEAL_AT);
    HeadlineSources s = new HeadlineSources(7, doc);
    Set<Integer> needed = HeadlineSources.chunksNeeded(doc, Set.of(), Set.of(4));
    assertEquals(Set.of(21), needed);
    s.load(21, chunk(doc));
    s.remove(4);
    assertTrue(s.listedChanged());
    assertEquals(21, s.listed().lastKey());
    s.nameListed(Map.of(21, "k21"));
    SourceOverflow after = s.seal();
    assertEquals(19 + SourceOverflow.SEAL_AT, s.count());
    // The chunk lost its first file, so it moves to the key of its new first.
    assertEquals(22, after.sealed().get(0).first());
    assertEquals(Set.of(21), s.chunksToDelete());
    assertTrue(s.chunksToWrite().containsKey(22));
    assertEquals("k21", s.listed().get(21));
  }

  @Test
  void anOldFileAddedAgainIsNamedAndTheTwentiethMovesIntoTheRest() {
    HeadlineSources s = new HeadlineSources(7);
    for (int f = 10; f < 40; f++) {
      s.add(f, "k" + f);
    }
    StoredDocument doc = headline(s, s.seal());
    HeadlineSources again = new HeadlineSources(7, doc);
    again.add(3, "k3");
    assertEquals(3, again.listed().firstKey());
    assertEquals(28, again.listed().lastKey());
    assertEquals(31, again.count());
  }

  @Test
  void removingEveryFileLeavesNothing() {
    StoredDocument doc = withSources(3);
    HeadlineSources s = new HeadlineSources(7, doc);
    s.remove(1);
    s.remove(2);
    s.remove(3);
    assertTrue(s.isEmpty());
  }

  private static SortedSet<Integer> chunk(StoredDocument doc) {
    SourceOverflow.SealedChunk c = doc.overflow().sealed().get(0);
    SortedSet<Integer> out = new TreeSet<>();
    for (int f = c.first(); f <= c.last(); f++) {
      out.add(f);
    }
    return out;
  }
}
