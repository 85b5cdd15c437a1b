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
    return stored(
        edit(dir, store, changes, PostingListEditor.MAX_CHUNK_BYTES, Long.MAX_VALUE), store);
  }

  /** The edit, given the stored chunks the editor asks for. */
  private static PostingListEditor.Edit edit(
      TermDirectory dir,
      Map<Integer, List<PostingEntry>> store,
      List<PostingChange> changes,
      int chunkBytes,
      long freshFrom) {
    Map<Integer, List<PostingEntry>> loaded = new HashMap<>();
    PostingListEditor.chunksToRead(dir, changes, chunkBytes, freshFrom)
        .forEach(id -> loaded.put(id, store.get(id)));
    return PostingListEditor.apply(dir, loaded, changes, chunkBytes, freshFrom);
  }

  /** Writes what the edit writes and deletes, the retired chunks too; gives its directory. */
  private static TermDirectory stored(
      PostingListEditor.Edit edit, Map<Integer, List<PostingEntry>> store) {
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
    PostingListEditor.chunksToRead(dir, changes, 4_096, Long.MAX_VALUE)
        .forEach(id -> loaded.put(id, store.get(id)));
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
      int serial = PostingListEditor.isRun(id) ? id - PostingListEditor.FIRST_RUN_ID : id;
      assertTrue(serial < dir.nextChunkId(), "a retired id was never handed out: " + id);
    }
    store.putAll(edit.writes());
    edit.deletes().forEach(store::remove);
    edit.retired().forEach(store::remove);
    assertEquals(List.copyOf(edit.retired()), edit.directory().retired());
    return edit;
  }

  /** The entries a directory and its stored chunks hold, by ordinal: checked for shape first. */
  private static Map<Long, PostingEntry> checkedContent(
      TermDirectory dir, Map<Integer, List<PostingEntry>> store, int maxChunkBytes) {
    Map<Long, PostingEntry> content = new HashMap<>();
    long previousKey = Long.MAX_VALUE;
    long previousOrd = -1;
    boolean stored = dir.chunks().stream().anyMatch(c -> c.id() != TermDirectory.INLINE);
    assertTrue(
        dir.chunks().stream().filter(c -> PostingListEditor.isRun(c.id())).count()
            <= PostingListEditor.MOST_RUNS,
        "too many runs");
    for (ChunkSummary c : dir.chunks()) {
      List<PostingEntry> entries =
          c.id() == TermDirectory.INLINE ? dir.inline() : store.get(c.id());
      assertTrue(entries != null && !entries.isEmpty(), "chunk " + c.id() + " is listed, empty");
      assertEquals(c.entries(), entries.size(), "chunk " + c.id() + "'s summary");
      assertEquals(ChunkCodec.encode(entries).length, c.bytes(), "chunk " + c.id() + "'s bytes");
      boolean run = PostingListEditor.isRun(c.id());
      boolean tail = stored && c.id() == TermDirectory.INLINE || run;
      if (tail && !run) {
        assertTrue(
            c.bytes() <= maxChunkBytes * 3 / 2, "the tail stays about a chunk: " + c.bytes());
      }
      long key = tail ? Long.MAX_VALUE : previousKey;
      long ord = tail ? -1 : previousOrd;
      for (PostingEntry e : entries) {
        assertTrue(
            PostingEntry.compare(key, ord, e.key(), e.ord()) < 0,
            "chunk " + c.id() + " breaks the best-first order at " + e.ord());
        key = e.key();
        ord = e.ord();
        assertEquals(null, content.put(e.ord(), e), "ordinal " + e.ord() + " listed twice");
      }
      if (!tail) {
        previousKey = key;
        previousOrd = ord;
      }
    }
    for (int id : store.keySet()) {
      assertTrue(
          dir.chunks().stream().anyMatch(c -> c.id() == id), "chunk " + id + " is not listed");
    }
    return content;
  }

  private static Map<Long, Integer> tfs(Map<Long, PostingEntry> content) {
    Map<Long, Integer> out = new java.util.TreeMap<>();
    content.forEach((ord, e) -> out.put(ord, e.tf() * 1000 + e.sources().length));
    return out;
  }

  /**
   * Rounds of a few new documents on a long list go to its tail, in the directory: no stored chunk
   * is read or written until the tail holds half a chunk, and the round after seals it as a run, a
   * chunk of its own, still reading none. Only the round that would pass the most runs a list keeps
   * merges them and the tail into the stored chunks. Removals and new sources of documents already
   * indexed find their entries in any of these places.
   */
  @Test
  void newDocumentsGatherInTheTailWhichIsSealedAsARunAndTheRunsMergeWhenMany() {
    int chunkBytes = 2_048;
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    Map<Long, Integer> model = new java.util.TreeMap<>();
    java.util.Random random = new java.util.Random(7);
    TermDirectory dir = TermDirectory.empty("talks");
    long ord = 1;
    int quietRounds = 0;
    int seals = 0;
    int merges = 0;
    for (int round = 0; round < 400; round++) {
      long freshFrom = ord;
      List<PostingChange> changes = new ArrayList<>();
      int adds = round == 0 ? 600 : 1 + random.nextInt(12);
      for (int i = 0; i < adds; i++, ord++) {
        PostingChange.Upsert u = upsert(ord, 1 + random.nextInt(9), "talks");
        changes.add(u);
        model.put(ord, u.entry().tf() * 1000 + 1);
      }
      if (round > 0 && random.nextInt(3) == 0) {
        // An older document goes, another takes new sources (same place in the order).
        long gone = 1 + random.nextInt((int) freshFrom - 1);
        if (model.containsKey(gone)) {
          int tf = model.remove(gone) / 1000;
          changes.add(new PostingChange.Removal(gone, upsert(gone, tf, "talks").entry().key()));
        }
        long again = 1 + random.nextInt((int) freshFrom - 1);
        if (model.containsKey(again) && again != gone) {
          int tf = model.get(again) / 1000;
          PostingEntry e = upsert(again, tf, "talks").entry();
          changes.add(
              new PostingChange.Upsert(
                  new PostingEntry(
                      again,
                      e.kind(),
                      tf,
                      100,
                      0,
                      e.positions(),
                      new int[] {1, 2},
                      e.published(),
                      e.key()),
                  "talks"));
          model.put(again, tf * 1000 + 2);
        }
      }
      long runsBefore = runs(dir);
      java.util.Set<Integer> toRead =
          PostingListEditor.chunksToRead(dir, changes, chunkBytes, freshFrom);
      PostingListEditor.Routing routing =
          PostingListEditor.route(dir, changes, chunkBytes, freshFrom);
      if (round > 0 && changes.size() == adds && !routing.merge()) {
        assertTrue(toRead.isEmpty(), "a round of new documents alone reads no chunk");
      }
      Map<Integer, List<PostingEntry>> loaded = new HashMap<>();
      toRead.forEach(id -> loaded.put(id, store.get(id)));
      PostingListEditor.Edit edit =
          PostingListEditor.apply(dir, loaded, changes, chunkBytes, freshFrom);
      if (round > 0 && edit.writes().isEmpty()) {
        quietRounds++;
      }
      dir = stored(edit, store);
      if (runs(dir) > runsBefore) {
        seals++;
      } else if (runsBefore > 0 && runs(dir) == 0) {
        merges++;
      }
      assertEquals(model, tfs(checkedContent(dir, store, chunkBytes)), "after round " + round);
    }
    assertTrue(dir.chunks().size() > 4, "the list should span chunks: " + dir.chunks().size());
    assertTrue(quietRounds > 200, "most rounds should write the directory alone: " + quietRounds);
    assertTrue(seals > 3 * merges, "a list should seal runs more often than it merges: " + seals);
    assertTrue(merges > 3, "the runs should have merged several times: " + merges);
  }

  private static long runs(TermDirectory dir) {
    return dir.chunks().stream().filter(c -> PostingListEditor.isRun(c.id())).count();
  }

  /**
   * A writer that dies after a merge's chunk writes, before its directory, leaves the old directory
   * with the tail and stored chunks that already took the tail's entries: the replay (the same
   * changes, none of them new to it) merges again and lists every entry once.
   */
  @Test
  void aMergeReplayedAfterItsChunksWereWrittenListsEveryEntryOnce() {
    int chunkBytes = 2_048;
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    TermDirectory dir = TermDirectory.empty("ceasefire");
    Map<Long, Integer> model = new java.util.TreeMap<>();
    long ord = 1;
    boolean merged = false;
    for (int round = 0; round < 60 && !merged; round++) {
      long freshFrom = ord;
      List<PostingChange> changes = new ArrayList<>();
      for (int i = 0; i < (round == 0 ? 500 : 6); i++, ord++) {
        PostingChange.Upsert u = upsert(ord, 1 + (int) (ord % 9), "ceasefire");
        changes.add(u);
        model.put(ord, u.entry().tf() * 1000 + 1);
      }
      if (PostingListEditor.route(dir, changes, chunkBytes, freshFrom).merge()) {
        merged = true;
        PostingListEditor.Edit died = edit(dir, store, changes, chunkBytes, freshFrom);
        store.putAll(died.writes());
        died.deletes().forEach(store::remove);
        // The replay: the old directory, the chunks as the dead writer left them, nothing fresh.
        PostingListEditor.Edit replayed = edit(dir, store, changes, chunkBytes, Long.MAX_VALUE);
        assertTrue(
            replayed.directory().chunks().stream().noneMatch(c -> c.id() == TermDirectory.INLINE),
            "the replay merges too");
        stored(replayed, store);
        for (int id : died.writes().keySet()) {
          if (replayed.directory().chunks().stream().noneMatch(c -> c.id() == id)) {
            store.remove(id);
          }
        }
        dir = replayed.directory();
      } else {
        dir = stored(edit(dir, store, changes, chunkBytes, freshFrom), store);
      }
    }
    assertTrue(merged, "the tail should have come to a merge");
    assertEquals(model, tfs(checkedContent(dir, store, chunkBytes)));
  }

  /**
   * A writer that dies after a seal wrote its runs, before its directory, leaves the old directory
   * with its tail: the replay (the same changes, none new to it) seals them under the same ids, and
   * one that dies after the directory too finds the entries in the runs; either way every entry is
   * listed once and no chunk is left unlisted.
   */
  @Test
  void aSealReplayedBeforeOrAfterItsDirectoryListsEveryEntryOnce() {
    int chunkBytes = 2_048;
    for (boolean directoryWritten : new boolean[] {false, true}) {
      Map<Integer, List<PostingEntry>> store = new HashMap<>();
      TermDirectory dir = TermDirectory.empty("ceasefire");
      Map<Long, Integer> model = new java.util.TreeMap<>();
      long ord = 1;
      int sealsReplayed = 0;
      for (int round = 0; round < 80; round++) {
        long freshFrom = ord;
        List<PostingChange> changes = new ArrayList<>();
        for (int i = 0; i < (round == 0 ? 3_000 : 6); i++, ord++) {
          PostingChange.Upsert u = upsert(ord, 1 + (int) (ord % 9), "ceasefire");
          changes.add(u);
          model.put(ord, u.entry().tf() * 1000 + 1);
        }
        PostingListEditor.Edit first = edit(dir, store, changes, chunkBytes, freshFrom);
        if (PostingListEditor.route(dir, changes, chunkBytes, freshFrom).seal()) {
          sealsReplayed++;
          store.putAll(first.writes());
          first.deletes().forEach(store::remove);
          TermDirectory left = directoryWritten ? first.directory() : dir;
          dir = stored(edit(left, store, changes, chunkBytes, Long.MAX_VALUE), store);
        } else {
          dir = stored(first, store);
        }
        assertEquals(model, tfs(checkedContent(dir, store, chunkBytes)), "round " + round);
      }
      assertTrue(sealsReplayed > 3, "the list should have sealed runs: " + sealsReplayed);
    }
  }

  /**
   * The list of all documents is read in its order (newest first) by listings: it keeps no tail.
   */
  @Test
  void theListOfAllDocumentsKeepsNoTail() {
    Map<Integer, List<PostingEntry>> store = new HashMap<>();
    TermDirectory dir = TermDirectory.empty(TermDirectory.ALL_DOCUMENTS);
    long ord = 1;
    for (int round = 0; round < 20; round++) {
      long freshFrom = ord;
      List<PostingChange> changes = new ArrayList<>();
      for (int i = 0; i < (round == 0 ? 400 : 3); i++, ord++) {
        PostingEntry e = upsert(ord, 5, null).entry();
        changes.add(
            new PostingChange.Upsert(
                new PostingEntry(
                    ord,
                    e.kind(),
                    5,
                    100,
                    0,
                    new int[0],
                    e.sources(),
                    e.published(),
                    ListingKey.of(e.published(), ord)),
                null));
      }
      dir = stored(edit(dir, store, changes, 2_048, freshFrom), store);
      assertTrue(dir.chunks().size() == 1 || dir.inline().isEmpty(), "no tail in round " + round);
    }
    assertEquals(ord - 1, checkedContent(dir, store, 2_048).size());
  }
}
