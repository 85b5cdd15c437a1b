package org.newsindex.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plans a round's posting changes term by term: reads each term's directory and the chunks the
 * changes fall in, edits them, and gives the chunk and directory writes. Directories it wrote
 * earlier in the same run are taken from memory, not read back: the writer holds the lease, so
 * nobody else has written them since.
 */
final class PostingWriter {
  private static final int DIRECTORY_CACHE_ENTRIES = 200_000;

  /** Directories read in one go (a few BatchGetItem requests). */
  private static final int DIRECTORY_READS = 500;

  /** About what one posting decoded for an edit holds in memory, in bytes. */
  static final int BYTES_PER_DECODED_ENTRY = 200;

  private final PostingStore postings;
  private final int chunkBytes;
  private final long partEntries;
  private final long cachedEntries;
  private final Map<String, TermDirectory> writtenThisRun = new HashMap<>();
  private long cached;

  /**
   * A writer whose parts decode at most an eighth of {@code roundMemory}, and whose memory of the
   * directories it wrote holds at most as many inline postings again.
   */
  PostingWriter(IndexTable table, int chunkBytes, long roundMemory) {
    this.postings = new PostingStore(table);
    this.chunkBytes = chunkBytes;
    this.partEntries = Math.max(2_000, roundMemory / 8 / BYTES_PER_DECODED_ENTRY);
    this.cachedEntries = partEntries;
  }

  /** Forgets what earlier runs wrote; called when a run (a hold of the lease) starts and ends. */
  void newRun() {
    writtenThisRun.clear();
    cached = 0;
  }

  /**
   * What a round writes to posting lists after its chunks (written part by part as planned): the
   * directories that list them, then the removal of the chunks those directories no longer list
   * ({@code retirements}); the new directories worth remembering (as many as the memory for them
   * allows) and every term written.
   */
  record Plan(
      List<TableWrite> directoryWrites,
      List<TableWrite> retirements,
      Map<String, TermDirectory> directories,
      java.util.Collection<String> terms) {}

  /**
   * A part of a plan: its chunk writes, to be written now, and the directory writes that will list
   * them, written with the plan's (given here so they can be checked before the chunks are sent).
   */
  record Part(List<TableWrite> chunkWrites, List<TableWrite> directoryWrites) {}

  /**
   * The plan of a round's posting writes. {@code replaying}: the round finishes a dead one, so the
   * index may hold directories even if it holds no list of all documents yet. {@code freshFrom}:
   * the first document number this round drew (none before it was drawn, so no list holds it). The
   * chunk writes are handed to {@code chunkParts} a part at a time, as soon as each part is
   * planned, and are not in the plan returned: a part holds the terms whose chunks to edit (read
   * and decoded) come to at most {@link #partEntries} postings, so a round's memory does not grow
   * with the lists it touches.
   */
  Plan plan(
      Map<String, List<PostingChange>> byTerm,
      long epoch,
      boolean replaying,
      long freshFrom,
      Deadline deadline,
      Consumer<Part> chunkParts) {
    if (byTerm.isEmpty()) {
      return new Plan(List.of(), List.of(), Map.of(), List.of());
    }
    boolean empty = !replaying && emptyIndex(deadline);
    List<String> terms = new ArrayList<>(byTerm.keySet());
    Parts parts = new Parts(byTerm, epoch, freshFrom, deadline, chunkParts);
    for (int from = 0; from < terms.size(); from += DIRECTORY_READS) {
      List<String> group = terms.subList(from, Math.min(terms.size(), from + DIRECTORY_READS));
      Map<String, TermDirectory> directories =
          empty ? Map.of() : directories(new HashSet<>(group), deadline);
      for (String term : group) {
        TermDirectory d = directories.getOrDefault(term, TermDirectory.empty(term));
        parts.add(d, PostingListEditor.chunksToRead(d, byTerm.get(term), chunkBytes, freshFrom));
      }
    }
    parts.flush();
    return new Plan(parts.directoryWrites, parts.retirements, parts.written, byTerm.keySet());
  }

  /** The terms of the part being gathered, and what the parts planned so far give. */
  private final class Parts {
    private final Map<String, List<PostingChange>> byTerm;
    private final long epoch;
    private final long freshFrom;
    private final Deadline deadline;
    private final Consumer<Part> chunkParts;
    private final List<TermDirectory> pending = new ArrayList<>();
    private final List<PostingStore.ChunkRef> refs = new ArrayList<>();
    private long entries;
    private long remembered;
    private final List<TableWrite> partDirectories = new ArrayList<>();
    final List<TableWrite> directoryWrites = new ArrayList<>();
    final List<TableWrite> retirements = new ArrayList<>();
    final Map<String, TermDirectory> written = new HashMap<>();

    Parts(
        Map<String, List<PostingChange>> byTerm,
        long epoch,
        long freshFrom,
        Deadline deadline,
        Consumer<Part> chunkParts) {
      this.byTerm = byTerm;
      this.epoch = epoch;
      this.freshFrom = freshFrom;
      this.deadline = deadline;
      this.chunkParts = chunkParts;
    }

    void add(TermDirectory directory, Set<Integer> chunks) {
      long cost = byTerm.get(directory.term()).size() + directory.inline().size();
      for (ChunkSummary c : directory.chunks()) {
        if (chunks.contains(c.id())) {
          cost += c.entries();
        }
      }
      if (!pending.isEmpty() && entries + cost > partEntries) {
        flush();
      }
      pending.add(directory);
      chunks.forEach(id -> refs.add(new PostingStore.ChunkRef(directory.term(), id)));
      entries += cost;
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      Map<String, Map<Integer, List<PostingEntry>>> loaded = new HashMap<>();
      postings
          .chunks(refs, true, deadline)
          .forEach(
              (ref, list) ->
                  loaded
                      .computeIfAbsent(ref.term(), t -> new HashMap<>())
                      .put(ref.chunkId(), list));
      List<TableWrite> chunkWrites = new ArrayList<>();
      for (TermDirectory before : pending) {
        String term = before.term();
        PostingListEditor.Edit edit =
            PostingListEditor.apply(
                before,
                loaded.getOrDefault(term, Map.of()),
                byTerm.get(term),
                chunkBytes,
                freshFrom);
        edit.writes()
            .forEach(
                (id, list) ->
                    chunkWrites.add(
                        PostingStore.putChunk(term, id, list.size(), edit.encoding(id), epoch)));
        edit.deletes().forEach(id -> chunkWrites.add(PostingStore.deleteChunk(term, id)));
        TermDirectory after = edit.directory();
        // The chunks the last edit retired are listed by no directory, and no new chunk takes
        // their ids: deleted again with this edit's chunks, in case a writer died before it could.
        Set<Integer> listed = new HashSet<>();
        after.chunks().forEach(c -> listed.add(c.id()));
        before.retired().stream()
            .filter(id -> !listed.contains(id) && !edit.writes().containsKey(id))
            .forEach(id -> chunkWrites.add(PostingStore.deleteChunk(term, id)));
        edit.retired().forEach(id -> retirements.add(PostingStore.deleteChunk(term, id)));
        TableWrite directoryWrite =
            after.isEmpty()
                ? PostingStore.deleteDirectory(term)
                : PostingStore.putDirectory(after, epoch);
        directoryWrites.add(directoryWrite);
        partDirectories.add(directoryWrite);
        if (remembered + after.inline().size() <= cachedEntries) {
          written.put(term, after);
          remembered += after.inline().size();
        }
      }
      pending.clear();
      refs.clear();
      entries = 0;
      chunkParts.accept(new Part(chunkWrites, List.copyOf(partDirectories)));
      partDirectories.clear();
    }
  }

  /** Remembers the directories a plan wrote, once they are written. */
  void written(Plan plan) {
    long inline = plan.directories().values().stream().mapToLong(d -> d.inline().size()).sum();
    if (writtenThisRun.size() + plan.directories().size() > DIRECTORY_CACHE_ENTRIES
        || cached + inline > cachedEntries) {
      newRun();
    } else {
      // What the plan wrote but does not hand over is no longer what is remembered of it, and
      // what it replaces no longer counts against the cache.
      Set<String> replaced = new HashSet<>(plan.terms());
      replaced.addAll(plan.directories().keySet());
      for (String term : replaced) {
        TermDirectory gone = writtenThisRun.remove(term);
        if (gone != null) {
          cached -= gone.inline().size();
        }
      }
    }
    writtenThisRun.putAll(plan.directories());
    cached += inline;
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
