package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {
  @Test
  void entriesSurviveEncodingUnchanged() {
    List<PostingEntry> entries =
        List.of(
            new PostingEntry(
                7,
                DocKind.ARTICLE,
                3,
                120,
                1,
                new int[] {4, 19, 300},
                new int[] {12},
                1_795_996_800L,
                Bm25.rankKey(3, 120)),
            new PostingEntry(
                123_456_789_012L,
                DocKind.HEADLINE,
                1,
                9,
                0,
                new int[] {0},
                new int[] {1, 5, 99_999},
                -2_208_988_800L,
                Bm25.rankKey(1, 9)));
    assertEquals(entries, ChunkCodec.decode(ChunkCodec.encode(entries), "war"));
  }

  @Test
  void entriesOfTheAllDocumentsListAreKeyedByPublicationTimeThenOrdinal() {
    List<PostingEntry> entries =
        List.of(
            new PostingEntry(
                9,
                DocKind.ARTICLE,
                250,
                255,
                0,
                new int[0],
                new int[] {3},
                1_700_000_000L,
                ListingKey.of(1_700_000_000L, 9)));
    assertEquals(
        entries, ChunkCodec.decode(ChunkCodec.encode(entries), TermDirectory.ALL_DOCUMENTS));
  }

  @Test
  void aTypicalPostingOfAYearsCorpusTakesAboutFifteenBytes() {
    List<PostingEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      entries.add(
          new PostingEntry(
              10_000 + i,
              DocKind.ARTICLE,
              2,
              100,
              0,
              new int[] {40, 180},
              new int[] {5_000 + i},
              1_764_547_200L + 86_400L * (i % 365),
              Bm25.rankKey(2, 100)));
    }
    int bytes = ChunkCodec.encode(entries).length;
    assertEquals(true, bytes < 1000 * 17, "bytes=" + bytes);
  }
}
