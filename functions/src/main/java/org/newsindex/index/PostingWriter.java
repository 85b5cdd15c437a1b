package org.newsindex.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a round's posting changes term by term: reads each term's directory and the chunks the
 * changes fall in, edits them, and gives the chunk and directory writes. Directories it wrote
 * earlier in the same run are taken from memory, not read back: the writer holds the lease, so
 * nobody else has written them since.
 */
final class PostingWriter {
  private static final int DIRECTORY_CACHE_ENTRIES = 200_000;

  private final PostingStore postings;
  private final int chunkBytes;
  private final Map<String, TermDirectory> writtenThisRun = new HashMap<>();

  PostingWriter(IndexTable table, int chunkBytes) {
    this.postings = new PostingStore(table);
    this.chunkBytes = chunkBytes;
  }

  /** Forgets what earlier runs wrote; called when a run (a hold of the lease) starts and ends. */
  void newRun() {
    writtenThisRun.clear();
  }

  /**
   * What a round writes to posting lists: chunks first, then the directories that list them, then
   * the removal of the chunks those directories no longer list ({@code retirements}).
   */
  record Plan(
      List<TableWrite> chunkWrites,
      List<TableWrite> directoryWrites,
      List<TableWrite> retirements,
      Map<String, TermDirectory> directories) {}

  /**
   * The plan of a round's posting writes. {@code replaying}: the round finishes a dead one, so the
   * index may hold directories even if it holds no list of all documents yet.
   */
  Plan plan(
      Map<String, List<PostingChange>> byTerm, long epoch, boolean replaying, Deadline deadline) {
    if (byTerm.isEmpty()) {
      return new Plan(List.of(), List.of(), List.of(), Map.of());
    }
    Map<String, TermDirectory> directories =
        !replaying && emptyIndex(deadline) ? Map.of() : directories(byTerm.keySet(), deadline);
    List<PostingStore.ChunkRef> refs = new ArrayList<>();
    byTerm.forEach(
        (term, list) -> {
          TermDirectory d = directories.getOrDefault(term, TermDirectory.empty(term));
          PostingListEditor.chunksToRead(d, list)
              .forEach(id -> refs.add(new PostingStore.ChunkRef(term, id)));
        });
    Map<String, Map<Integer, List<PostingEntry>>> loaded = new HashMap<>();
    postings
        .chunks(refs, true, deadline)
        .forEach(
            (ref, entries) ->
                loaded
                    .computeIfAbsent(ref.term(), t -> new HashMap<>())
                    .put(ref.chunkId(), entries));

    List<TableWrite> chunkWrites = new ArrayList<>();
    List<TableWrite> directoryWrites = new ArrayList<>();
    List<TableWrite> retirements = new ArrayList<>();
    Map<String, TermDirectory> written = new HashMap<>();
    byTerm.forEach(
        (term, list) -> {
          TermDirectory before = directories.getOrDefault(term, TermDirectory.empty(term));
          PostingListEditor.Edit edit =
              PostingListEditor.apply(
                  before, loaded.getOrDefault(term, Map.of()), list, chunkBytes);
          edit.writes()
              .forEach(
                  (id, entries) ->
                      chunkWrites.add(PostingStore.putChunk(term, id, entries, epoch)));
          edit.deletes().forEach(id -> chunkWrites.add(PostingStore.deleteChunk(term, id)));
          TermDirectory after = edit.directory();
          Set<Integer> retired = new java.util.TreeSet<>(edit.retired());
          if (replaying) {
            // A writer that died between the directory and the removals left these behind.
            retired.addAll(before.retired());
            after.chunks().forEach(c -> retired.remove(c.id()));
          }
          retired.forEach(id -> retirements.add(PostingStore.deleteChunk(term, id)));
          directoryWrites.add(
              after.isEmpty()
                  ? PostingStore.deleteDirectory(term)
                  : PostingStore.putDirectory(after, epoch));
          written.put(term, after);
        });
    return new Plan(chunkWrites, directoryWrites, retirements, written);
  }

  /** Remembers the directories a plan wrote, once they are written. */
  void written(Plan plan) {
    if (writtenThisRun.size() + plan.directories().size() > DIRECTORY_CACHE_ENTRIES) {
      writtenThisRun.clear();
    }
    writtenThisRun.putAll(plan.directories());
  }

  /**
   * Whether the index holds nothing yet: no list of all documents, so no document and no directory
   * (a round that died part-way leaves its journal, and its replay says so). One read saves reading
   * the directories of every term of a first round, as a reindex into an empty table is.
   */
  private boolean emptyIndex(Deadline deadline) {
    if (writtenThisRun.containsKey(TermDirectory.ALL_DOCUMENTS)) {
      return writtenThisRun.get(TermDirectory.ALL_DOCUMENTS).isEmpty();
    }
    return postings.directories(Set.of(TermDirectory.ALL_DOCUMENTS), true, deadline).isEmpty();
  }

  private Map<String, TermDirectory> directories(Set<String> terms, Deadline deadline) {
    Map<String, TermDirectory> out = new HashMap<>();
    Set<String> missing = new HashSet<>();
    for (String term : terms) {
      TermDirectory known = writtenThisRun.get(term);
      if (known == null) {
        missing.add(term);
      } else if (!known.isEmpty()) {
        out.put(term, known);
      }
    }
    out.putAll(postings.directories(missing, true, deadline));
    return out;
  }
}
