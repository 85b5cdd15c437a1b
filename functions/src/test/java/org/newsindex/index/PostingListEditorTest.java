package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostingListEditorTest {
  private static PostingChange.Upsert upsert(long ord, int tf, String form) {
    return new PostingChange.Upsert(
        new PostingEntry(
            ord,
            ord % 3 == 0 ? DocKind.HEADLINE : DocKind.ARTICLE,
            tf,
            100,
            0,
            new int[] {1},
            new int[] {(int) ord},
            1_764_547_200L + ord,
            Bm25.rankKey(tf, 100)),
        form);
  }

  /**
   * Applies the changes the way the compactor does: read the chunks the editor asks for, write what
   * it returns.
   */
  private static TermDirectory apply(
      TermDirectory dir, Map<Integer, List<PostingEntry>> store, List<PostingChange> changes) {
    Map<Integer, List<PostingEntry>> loaded = new HashMap<>();
    PostingListEditor.chunksToRead(dir, changes).forEach(id -> loaded.put(id, store.get(id)));
    PostingListEditor.Edit edit = PostingListEditor.apply(dir, loaded, changes);
    store.putAll(edit.writes());
    edit.deletes().forEach(store::remove);
    edit.retired().forEach(store::remove);
    return edit.directory();
  }

  @Test
  void largeListsSplitIntoOrderedChunksWhoseSummariesMatchTheirContent() {
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    TermDirectory dir = TermDirectory.empty("war");
    for (int batch = 0; batch < 6; batch++) {
      List<PostingChange> changes = new ArrayList<>();
      for (int i = 0; i < 4000; i++) {
        long ord = batch * 4000L + i + 1;
        changes.add(upsert(ord, 1 + (int) (ord % 9), ord % 2 == 0 ? "wars" : "war"));
      }
      dir = apply(dir, store, changes);
    }
    assertEquals(24_000, dir.docFreq());
    assertTrue(dir.chunks().size() > 1, "expected a split");
    long previousKey = Long.MAX_VALUE;
    int counted = 0;
    for (ChunkSummary c : dir.chunks()) {
      List<PostingEntry> entries = store.get(c.id());
      assertEquals(c.entries(), entries.size());
      assertTrue(ChunkCodec.encode(entries).length <= PostingListEditor.MAX_CHUNK_BYTES);
      for (PostingEntry e : entries) {
        assertTrue(e.key() <= previousKey, "chunks must hold the list best first");
        previousKey = e.key();
      }
      counted += entries.size();
    }
    assertEquals(24_000, counted);
    assertEquals(List.of(12_000, 12_000), dir.formCounts());
  }

  @Test
  void removalsFindTheirEntriesAcrossChunksAndEmptyChunksDisappear() {
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    TermDirectory dir = TermDirectory.empty("peace");
    List<PostingChange> adds = new ArrayList<>();
    for (long ord = 1; ord <= 12_000; ord++) {
      adds.add(upsert(ord, 1 + (int) (ord % 5), "peace"));
    }
    dir = apply(dir, store, adds);
    List<PostingChange> removes = new ArrayList<>();
    for (long ord = 1; ord <= 12_000; ord++) {
      if (ord % 4 != 0) {
        removes.add(new PostingChange.Removal(ord, Bm25.rankKey(1 + (int) (ord % 5), 100)));
      }
    }
    dir = apply(dir, store, removes);
    assertEquals(3_000, dir.docFreq());
    assertEquals(dir.chunks().size(), store.size());
    assertEquals(3_000, store.values().stream().mapToInt(List::size).sum());
    List<PostingChange> rest = new ArrayList<>();
    for (long ord = 4; ord <= 12_000; ord += 4) {
      rest.add(new PostingChange.Removal(ord, Bm25.rankKey(1 + (int) (ord % 5), 100)));
    }
    dir = apply(dir, store, rest);
    assertTrue(dir.isEmpty());
    assertTrue(store.isEmpty());
  }

  @Test
  void aListThatFitsOneChunkLivesInTheDirectoryAndSpillsIntoChunkItemsWhenItGrows() {
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    List<PostingChange> few = new ArrayList<>();
    for (long ord = 1; ord <= 50; ord++) {
      few.add(upsert(ord, 1, "vote"));
    }
    TermDirectory small = apply(TermDirectory.empty("vote"), store, few);
    assertTrue(store.isEmpty(), "no chunk item for a small list");
    assertEquals(50, small.inline().size());
    assertEquals(
        List.of(TermDirectory.INLINE), small.chunks().stream().map(ChunkSummary::id).toList());

    List<PostingChange> many = new ArrayList<>();
    for (long ord = 51; ord <= 20_000; ord++) {
      many.add(upsert(ord, 1 + (int) (ord % 4), "vote"));
    }
    TermDirectory big = apply(small, store, many);
    assertTrue(big.inline().isEmpty());
    assertTrue(big.chunks().stream().noneMatch(c -> c.id() == TermDirectory.INLINE));
    assertEquals(20_000, store.values().stream().mapToInt(List::size).sum());

    List<PostingChange> removals = new ArrayList<>();
    for (long ord = 51; ord <= 20_000; ord++) {
      removals.add(new PostingChange.Removal(ord, Bm25.rankKey(1 + (int) (ord % 4), 100)));
    }
    TermDirectory shrunk = apply(big, store, removals);
    assertEquals(50, shrunk.docFreq());
  }

  @Test
  void reapplyingTheSameChangesChangesNothing() {
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    List<PostingChange> adds = new ArrayList<>();
    for (long ord = 1; ord <= 20_000; ord++) {
      adds.add(upsert(ord, 1 + (int) (ord % 4), "talk"));
    }
    TermDirectory once = apply(TermDirectory.empty("talk"), store, adds);
    Map<Integer, List<PostingEntry>> snapshot = new HashMap<>(store);
    assertFalse(snapshot.isEmpty(), "the list spills into chunk items");
    TermDirectory twice = apply(once, store, adds);
    assertEquals(once, twice);
    assertEquals(snapshot, store);
  }

  /**
   * Until the new directory is written, readers and a writer finishing a dead round go by the old
   * one: no chunk it lists may lose an entry the changes do not remove. A chunk that splits, or
   * moves inline, is left whole and retired instead, to be deleted after the new directory.
   */
  @Test
  void noEditTakesAnEntryOutOfAChunkTheOldDirectoryLists() {
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    TermDirectory dir = TermDirectory.empty("talks");
    int retiredSeen = 0;
    long ord = 1;
    for (int round = 0; round < 40; round++) {
      List<PostingChange> changes = new ArrayList<>();
      for (int i = 0; i < 300; i++, ord++) {
        changes.add(upsert(ord, 1 + (int) (ord % 7), "talks"));
      }
      if (round % 5 == 4) {
        for (long gone = ord - 2_000; gone < ord - 200; gone++) {
          changes.add(removal(gone));
        }
      }
      PostingListEditor.Edit edit = checkedEdit(dir, store, changes);
      retiredSeen += edit.retired().size();
      dir = edit.directory();
    }
    assertTrue(retiredSeen > 0, "the list should have split");
    assertTrue(dir.chunks().size() > 1, "the list should span chunks");

    // Then nearly all of it goes: what is left moves inline, and the chunk it was in is retired.
    List<PostingChange> changes = new ArrayList<>();
    for (ChunkSummary c : dir.chunks()) {
      List<PostingEntry> entries =
          c.id() == TermDirectory.INLINE ? dir.inline() : store.get(c.id());
      entries.forEach(e -> changes.add(new PostingChange.Removal(e.ord(), e.key())));
    }
    changes.subList(0, 3).clear();
    PostingListEditor.Edit edit = checkedEdit(dir, store, changes);
    assertEquals(
        List.of(TermDirectory.INLINE),
        edit.directory().chunks().stream().map(ChunkSummary::id).toList());
    assertEquals(3, edit.directory().inline().size());
    assertFalse(edit.retired().isEmpty(), "the chunk the rest moved out of should be retired");
  }

  private static PostingChange removal(long ord) {
    PostingEntry e = upsert(ord, 1 + (int) (ord % 7), "talks").entry();
    return new PostingChange.Removal(e.ord(), e.key());
  }

  /** Applies the changes, checking what the old directory's chunks keep, and stores the result. */
  private static PostingListEditor.Edit checkedEdit(
      TermDirectory dir, Map<Integer, List<PostingEntry>> store, List<PostingChange> changes) {
    java.util.Set<Long> removed = new java.util.HashSet<>();
    changes.stream()
        .filter(c -> c instanceof PostingChange.Removal)
        .forEach(c -> removed.add(c.ord()));
    Map<Integer, List<PostingEntry>> loaded = new HashMap<>();
    PostingListEditor.chunksToRead(dir, changes).forEach(id -> loaded.put(id, store.get(id)));
    PostingListEditor.Edit edit = PostingListEditor.apply(dir, loaded, changes, 4_096);
    for (ChunkSummary listed : dir.chunks()) {
      if (listed.id() == TermDirectory.INLINE || edit.retired().contains(listed.id())) {
        continue;
      }
      List<PostingEntry> rewritten = edit.writes().get(listed.id());
      java.util.Set<Long> kept = new java.util.HashSet<>();
      (rewritten == null ? store.get(listed.id()) : rewritten).forEach(e -> kept.add(e.ord()));
      if (edit.deletes().contains(listed.id())) {
        kept.clear();
      }
      for (PostingEntry e : store.get(listed.id())) {
        assertTrue(
            kept.contains(e.ord()) || removed.contains(e.ord()),
            "chunk " + listed.id() + " lost ordinal " + e.ord());
      }
    }
    for (int id : edit.retired()) {
      assertFalse(edit.writes().containsKey(id), "chunk " + id + " both written and retired");
      assertFalse(edit.deletes().contains(id), "chunk " + id + " both deleted and retired");
      assertTrue(id < dir.nextChunkId(), "a retired id was never handed out: " + id);
    }
    store.putAll(edit.writes());
    edit.deletes().forEach(store::remove);
    edit.retired().forEach(store::remove);
    assertEquals(List.copyOf(edit.retired()), edit.directory().retired());
    return edit;
  }
}
