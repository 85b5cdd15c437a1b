package org.newsindex.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies changes to one term's posting list: finds the chunk each change belongs in by the
 * best-first order, edits those chunks, splits any that grew too big, drops any left empty, and
 * derives the new directory from the chunks. Pure logic: the caller reads and writes the items.
 */
public final class PostingListEditor {
  /** By default a chunk is split when its encoding passes this size. */
  public static final int MAX_CHUNK_BYTES = 64 * 1024;

  /**
   * A directory summarizes at most about this many chunks (some 40 bytes each), so it stays far
   * below DynamoDB's item limit: a list that would need more lets its chunks grow past {@link
   * #MAX_CHUNK_BYTES} instead (at 100 million documents, about 130 KB each for a term in every
   * one).
   */
  static final int MAX_CHUNKS = 6_000;

  /** No chunk grows past this, whatever the list: well inside DynamoDB's 400 KB item limit. */
  static final int LARGEST_CHUNK_BYTES = 350 * 1024;

  /** A term keeps at most this many surface forms; a form past them counts as the term's first. */
  public static final int MAX_FORMS = 32;

  private static final int NEW_CHUNK = -1;

  /**
   * A sealed run's chunk id is this plus a number from the directory's counter: a run is a stored
   * chunk outside the best-first partition (see {@link Routing}), told apart by its id alone, so
   * directories written before runs existed read unchanged. The ids stay eight digits in the
   * chunks' sort keys.
   */
  static final int FIRST_RUN_ID = 50_000_000;

  /**
   * A list keeps at most this many sealed runs: the round that would pass it merges them, with the
   * tail, into the stored chunks. A search may read every run of a list (their bounds overlap), so
   * this bounds what runs add to a query.
   */
  static final int MOST_RUNS = 8;

  /** Whether the chunk is a sealed run (outside the best-first partition of stored chunks). */
  public static boolean isRun(int id) {
    return id >= FIRST_RUN_ID;
  }

  private PostingListEditor() {}

  /**
   * The outcome: the term's new directory, the chunks to write (id → entries), the chunks to delete
   * with them (left empty) and the chunks to delete only once the new directory is written ({@code
   * retired}: their entries moved to other chunks or inline, which the old directory does not list;
   * the new directory names them until its next edit, so a writer that dies before deleting them
   * deletes them when it finishes the round).
   */
  public record Edit(
      TermDirectory directory,
      Map<Integer, List<PostingEntry>> writes,
      Set<Integer> deletes,
      Set<Integer> retired,
      Map<Integer, byte[]> encodings) {

    /** A written chunk's encoding: the one the edit made to size it, else made now. */
    public byte[] encoding(int chunkId) {
      byte[] known = encodings.get(chunkId);
      return known != null ? known : ChunkCodec.encode(writes.get(chunkId));
    }
  }

  /**
   * A list of more chunks than this keeps no tail: its directory must stay small (about 40 bytes a
   * chunk), and a tail of at most a chunk would save it little.
   */
  static final int MOST_CHUNKS_WITH_A_TAIL = 1_000;

  /**
   * How a round's changes reach one term's list.
   *
   * <p>A list of stored chunks keeps a <em>tail</em>: postings of new documents gathered in the
   * directory item, as its inline chunk, outside the best-first order of the stored chunks (which
   * stay a partition of that order: each entry is in the chunk {@link #locate} names). A round that
   * adds documents to a long list then rewrites its directory, not every chunk its new postings
   * would scatter over. Once the tail holds half a chunk's bytes, or this round's new postings
   * would not fit it, the round <em>seals</em> it: the tail, with the round's new postings, is
   * written as one or more <em>runs</em>, stored chunks of their own outside the partition (in
   * order within themselves), and the list starts a new tail. Only the round that would pass
   * {@value #MOST_RUNS} runs merges the runs and the tail into the stored chunks, reading and
   * rewriting the whole list: as Lucene's tiered merges, a posting is rewritten a few times, not
   * once a round. Searches lose nothing: every chunk's bound comes from its own summary, the tail's
   * and the runs' too, and the tail is read with the directory.
   *
   * <p>Whether to merge is decided by the directory alone, so a writer that died part-way through a
   * merge (chunks written, directory not) merges again when its round is replayed. A change to a
   * document indexed before (a removal, or new sources of a headline) is applied where its entry
   * is, in the located chunk or the tail; only a document numbered in this round ({@code freshFrom}
   * and up: no stored entry has its number) goes to the tail without reading the chunk.
   *
   * @param tailed the list keeps a tail
   * @param merge this round empties the tail and the runs into the stored chunks
   * @param freshToTail new postings go to the tail (it has room for this round's, or is sealed)
   * @param seal the tail, with this round's new postings, becomes runs
   */
  record Routing(boolean tailed, boolean merge, boolean freshToTail, boolean seal) {
    static final Routing UNTAILED = new Routing(false, false, false, false);
    static final Routing MERGE = new Routing(true, true, false, false);
  }

  static Routing route(
      TermDirectory directory, List<PostingChange> changes, int maxChunkBytes, long freshFrom) {
    if (TermDirectory.ALL_DOCUMENTS.equals(directory.term())) {
      return Routing.UNTAILED;
    }
    int stored = storedChunks(directory).size();
    int runs = runs(directory).size();
    ChunkSummary tail =
        directory.chunks().stream()
            .filter(c -> c.id() == TermDirectory.INLINE)
            .findFirst()
            .orElse(null);
    if (stored == 0 && runs == 0) {
      return Routing.UNTAILED;
    }
    boolean tailable = stored > 0 && stored <= MOST_CHUNKS_WITH_A_TAIL;
    if (!tailable) {
      return tail == null && runs == 0 ? Routing.UNTAILED : Routing.MERGE;
    }
    // Every upsert counts, not only the fresh ones: in a replay none is fresh, and one not found
    // where it would be goes to the tail too.
    long incoming = 0;
    for (PostingChange change : changes) {
      if (change instanceof PostingChange.Upsert u) {
        incoming += estimatedBytes(u.entry());
      }
    }
    long tailBytes = tail == null ? 0 : tail.bytes();
    boolean full = tailBytes >= maxChunkBytes / 2 || tailBytes + incoming > maxChunkBytes;
    if (!full) {
      return new Routing(true, false, true, false);
    }
    // A merge rewrites the whole list; it is worth its cost once the runs would hold a third of
    // what the stored chunks do, or pass the most a list keeps.
    long sealed = (tailBytes + incoming + maxChunkBytes - 1) / maxChunkBytes;
    long outside = tailBytes + incoming + bytes(runs(directory));
    boolean seal = runs + sealed <= MOST_RUNS && outside * 3 < bytes(storedChunks(directory));
    return seal ? new Routing(true, false, true, true) : Routing.MERGE;
  }

  /**
   * About what an entry takes in a chunk, rather more than less (a varint per position or source of
   * one or two bytes, some twenty for the rest).
   */
  private static long estimatedBytes(PostingEntry e) {
    return 20L + 2L * e.positions().length + 2L * e.sources().length;
  }

  /** The chunks that must be read before {@link #apply}, with the default chunk size. */
  public static Set<Integer> chunksToRead(TermDirectory directory, List<PostingChange> changes) {
    return chunksToRead(directory, changes, MAX_CHUNK_BYTES, Long.MAX_VALUE);
  }

  /**
   * The chunks that must be read before {@link #apply(TermDirectory, Map, List, int, long)} with
   * the same arguments.
   */
  public static Set<Integer> chunksToRead(
      TermDirectory directory, List<PostingChange> changes, int maxChunkBytes, long freshFrom) {
    Routing routing = route(directory, changes, maxChunkBytes, freshFrom);
    List<ChunkSummary> located = routing.tailed() ? storedChunks(directory) : directory.chunks();
    Set<Integer> ids = new HashSet<>();
    if (routing.merge()) {
      directory.chunks().stream()
          .filter(c -> c.id() != TermDirectory.INLINE)
          .forEach(c -> ids.add(c.id()));
      return ids;
    }
    for (PostingChange change : changes) {
      if (routing.freshToTail() && isFresh(change, freshFrom)) {
        continue;
      }
      int id = locate(located, change.key(), change.ord());
      if (id != NEW_CHUNK && id != TermDirectory.INLINE) {
        ids.add(id);
      }
      // A document indexed before may be in any run: they overlap in the order.
      runs(directory).forEach(c -> ids.add(c.id()));
    }
    return ids;
  }

  private static boolean isFresh(PostingChange change, long freshFrom) {
    return change instanceof PostingChange.Upsert && change.ord() >= freshFrom;
  }

  /** The stored chunks that partition the best-first order (neither the tail nor a run). */
  private static List<ChunkSummary> storedChunks(TermDirectory directory) {
    return directory.chunks().stream()
        .filter(c -> c.id() != TermDirectory.INLINE && !isRun(c.id()))
        .toList();
  }

  private static long bytes(List<ChunkSummary> chunks) {
    return chunks.stream().mapToLong(ChunkSummary::bytes).sum();
  }

  /** The list's sealed runs. */
  private static List<ChunkSummary> runs(TermDirectory directory) {
    return directory.chunks().stream().filter(c -> isRun(c.id())).toList();
  }

  public static Edit apply(
      TermDirectory directory,
      Map<Integer, List<PostingEntry>> stored,
      List<PostingChange> changes) {
    return apply(directory, stored, changes, MAX_CHUNK_BYTES, Long.MAX_VALUE);
  }

  /**
   * As {@link #apply(TermDirectory, Map, List)}, splitting chunks that pass {@code maxChunkBytes}.
   */
  public static Edit apply(
      TermDirectory directory,
      Map<Integer, List<PostingEntry>> stored,
      List<PostingChange> changes,
      int maxChunkBytes) {
    return apply(directory, stored, changes, maxChunkBytes, Long.MAX_VALUE);
  }

  /**
   * Applies the changes to the list, given the chunks {@link #chunksToRead} named for the same
   * arguments; documents numbered {@code freshFrom} and up are in no list yet.
   */
  public static Edit apply(
      TermDirectory directory,
      Map<Integer, List<PostingEntry>> stored,
      List<PostingChange> changes,
      int maxChunkBytes,
      long freshFrom) {
    Routing routing = route(directory, changes, maxChunkBytes, freshFrom);
    List<ChunkSummary> located = routing.tailed() ? storedChunks(directory) : directory.chunks();
    Map<Integer, List<PostingEntry>> loaded = new HashMap<>(stored);
    loaded.put(TermDirectory.INLINE, directory.inline());
    List<String> forms = new ArrayList<>(directory.forms());
    Map<String, Integer> formIndex = new HashMap<>();
    for (int i = forms.size() - 1; i >= 0; i--) {
      formIndex.put(forms.get(i), i);
    }
    // Chunks looked into (by ordinal), and those of them the changes edit (written back).
    Map<Integer, Map<Long, PostingEntry>> viewed = new HashMap<>();
    java.util.function.IntFunction<Map<Long, PostingEntry>> view =
        chunk ->
            viewed.computeIfAbsent(
                chunk,
                k -> {
                  Map<Long, PostingEntry> byOrd = new HashMap<>();
                  loaded.getOrDefault(k, List.of()).forEach(e -> byOrd.put(e.ord(), e));
                  return byOrd;
                });
    Map<Integer, Map<Long, PostingEntry>> touched = new LinkedHashMap<>();
    java.util.function.IntFunction<Map<Long, PostingEntry>> open =
        chunk -> touched.computeIfAbsent(chunk, view::apply);
    List<Integer> runs = runs(directory).stream().map(ChunkSummary::id).toList();
    if (routing.merge()) {
      List<Integer> outside = new ArrayList<>(runs);
      outside.add(TermDirectory.INLINE);
      for (int from : outside) {
        Map<Long, PostingEntry> moved = open.apply(from);
        for (PostingEntry e : List.copyOf(moved.values())) {
          open.apply(locate(located, e.key(), e.ord())).put(e.ord(), e);
        }
        moved.clear();
      }
    } else if (routing.seal()) {
      open.apply(TermDirectory.INLINE);
    }
    for (PostingChange change : changes) {
      int id;
      if (!routing.tailed() || routing.merge()) {
        id = locate(located, change.key(), change.ord());
      } else if (routing.freshToTail() && isFresh(change, freshFrom)) {
        id = TermDirectory.INLINE;
      } else {
        int where = locate(located, change.key(), change.ord());
        int run = -1;
        for (int r : runs) {
          if (run < 0 && view.apply(r).containsKey(change.ord())) {
            run = r;
          }
        }
        if (view.apply(where).containsKey(change.ord())) {
          id = where;
        } else if (run >= 0) {
          id = run;
        } else if (view.apply(TermDirectory.INLINE).containsKey(change.ord())
            || routing.freshToTail()) {
          id = TermDirectory.INLINE;
        } else {
          id = where;
        }
      }
      Map<Long, PostingEntry> entries = open.apply(id);
      if (change instanceof PostingChange.Removal) {
        entries.remove(change.ord());
      } else if (change instanceof PostingChange.Upsert upsert) {
        PostingEntry e = upsert.entry();
        int form = 0;
        if (upsert.form() != null) {
          Integer known = formIndex.get(upsert.form());
          if (known != null) {
            form = known;
          } else if (forms.size() < MAX_FORMS) {
            forms.add(upsert.form());
            form = forms.size() - 1;
            formIndex.put(upsert.form(), form);
          }
        }
        entries.put(
            e.ord(),
            new PostingEntry(
                e.ord(),
                e.kind(),
                e.tf(),
                e.normByte(),
                form,
                e.positions(),
                e.sources(),
                e.published(),
                e.key()));
      }
    }

    long listBytes = directory.chunks().stream().mapToLong(ChunkSummary::bytes).sum();
    int chunkBytes =
        (int) Math.min(LARGEST_CHUNK_BYTES, Math.max(maxChunkBytes, listBytes / MAX_CHUNKS));
    int nextId = directory.nextChunkId();
    Map<Integer, ChunkSummary> summaries = new LinkedHashMap<>();
    directory.chunks().forEach(c -> summaries.put(c.id(), c));
    Map<Integer, List<PostingEntry>> writes = new LinkedHashMap<>();
    Set<Integer> deletes = new HashSet<>();
    Set<Integer> retired = new java.util.TreeSet<>();
    Map<Integer, byte[]> encodings = new HashMap<>();
    boolean countForms = !TermDirectory.ALL_DOCUMENTS.equals(directory.term());
    for (Map.Entry<Integer, Map<Long, PostingEntry>> chunk : touched.entrySet()) {
      int id = chunk.getKey() == NEW_CHUNK ? nextId++ : chunk.getKey();
      List<PostingEntry> entries = new ArrayList<>(chunk.getValue().values());
      entries.sort(PostingEntry::compareTo);
      summaries.remove(id);
      if (entries.isEmpty()) {
        if (routing.merge() && isRun(id)) {
          // Its entries moved to chunks the old directory does not send them to.
          retired.add(id);
        } else if (chunk.getKey() != NEW_CHUNK) {
          deletes.add(id);
        }
        continue;
      }
      byte[] encoded = ChunkCodec.encode(entries);
      if (routing.seal() && id == TermDirectory.INLINE) {
        // The tail and the round's new postings become runs under new ids, in order, split as
        // stored chunks are; the list starts a new tail with the next round.
        int parts = (int) Math.min(entries.size(), Math.ceil(encoded.length / (double) chunkBytes));
        for (int p = 0; p < parts; p++) {
          List<PostingEntry> part =
              entries.subList(p * entries.size() / parts, (p + 1) * entries.size() / parts);
          int runId = FIRST_RUN_ID + nextId++;
          byte[] bytes = parts == 1 ? encoded : ChunkCodec.encode(part);
          writes.put(runId, List.copyOf(part));
          encodings.put(runId, bytes);
          summaries.put(runId, summarize(runId, part, forms.size(), countForms, bytes.length));
        }
        continue;
      }
      if (routing.tailed() && id == TermDirectory.INLINE) {
        // The tail is never split: the routing keeps it to about a chunk.
        writes.put(id, List.copyOf(entries));
        encodings.put(id, encoded);
        summaries.put(id, summarize(id, entries, forms.size(), countForms, encoded.length));
        continue;
      }
      int parts =
          encoded.length <= chunkBytes
              ? 1
              : (int) Math.min(entries.size(), Math.ceil(encoded.length / (chunkBytes / 2.0)));
      // A stored chunk that splits is written anew, every part under a new id: overwritten in
      // place, it would lose the entries moved out of it to a writer that dies before the new
      // directory lists their new chunk (the old directory still sends them to it).
      boolean replaced = parts > 1 && stored(directory, id);
      if (replaced) {
        retired.add(id);
      }
      for (int p = 0; p < parts; p++) {
        List<PostingEntry> part =
            entries.subList(p * entries.size() / parts, (p + 1) * entries.size() / parts);
        int partId = p == 0 && !replaced ? id : (isRun(id) ? FIRST_RUN_ID : 0) + nextId++;
        writes.put(partId, List.copyOf(part));
        byte[] bytes = parts == 1 ? encoded : ChunkCodec.encode(part);
        encodings.put(partId, bytes);
        summaries.put(partId, summarize(partId, part, forms.size(), countForms, bytes.length));
      }
    }
    // One chunk that fits lives inline in the directory; with more, none does, but a tailed list's
    // tail.
    List<PostingEntry> inline = List.of();
    ChunkSummary tail = null;
    if (routing.tailed()) {
      tail = summaries.remove(TermDirectory.INLINE);
      List<PostingEntry> tailEntries = writes.remove(TermDirectory.INLINE);
      if (tail != null) {
        inline = tailEntries != null ? tailEntries : directory.inline();
      }
    }
    if (tail != null) {
      summaries.put(TermDirectory.INLINE, tail);
    } else if (summaries.size() == 1) {
      ChunkSummary only = summaries.values().iterator().next();
      List<PostingEntry> entries =
          only.id() == TermDirectory.INLINE ? directory.inline() : writes.get(only.id());
      if (writes.containsKey(only.id())) {
        entries = writes.get(only.id());
      }
      if (entries != null && only.bytes() <= maxChunkBytes) {
        writes.remove(only.id());
        if (stored(directory, only.id())) {
          retired.add(only.id());
        }
        summaries.clear();
        summaries.put(TermDirectory.INLINE, withId(only, TermDirectory.INLINE));
        inline = entries;
      }
    } else if (summaries.containsKey(TermDirectory.INLINE)) {
      ChunkSummary chunk = summaries.remove(TermDirectory.INLINE);
      List<PostingEntry> entries =
          writes.containsKey(TermDirectory.INLINE)
              ? writes.remove(TermDirectory.INLINE)
              : directory.inline();
      int id = nextId++;
      writes.put(id, entries);
      summaries.put(id, withId(chunk, id));
    }
    writes.remove(TermDirectory.INLINE);
    deletes.remove(TermDirectory.INLINE);
    TermDirectory updated =
        new TermDirectory(
            directory.term(),
            new ArrayList<>(summaries.values()),
            forms,
            nextId,
            inline,
            List.copyOf(retired));
    encodings.keySet().retainAll(writes.keySet());
    return new Edit(updated, writes, deletes, retired, encodings);
  }

  /** Whether the chunk is an item of its own that the directory lists. */
  private static boolean stored(TermDirectory directory, int id) {
    return id != TermDirectory.INLINE
        && id != NEW_CHUNK
        && directory.chunks().stream().anyMatch(c -> c.id() == id);
  }

  private static ChunkSummary withId(ChunkSummary c, int id) {
    return new ChunkSummary(
        id,
        c.hiKey(),
        c.hiOrd(),
        c.loKey(),
        c.loOrd(),
        c.articles(),
        c.headlines(),
        c.tfSum(),
        c.bytes(),
        c.formCounts(),
        c.maxTf(),
        c.minNormByte());
  }

  static ChunkSummary summarize(
      int id, List<PostingEntry> entries, int formCount, boolean countForms) {
    return summarize(id, entries, formCount, countForms, ChunkCodec.encode(entries).length);
  }

  /** A chunk's summary, its encoded size already known. */
  static ChunkSummary summarize(
      int id, List<PostingEntry> entries, int formCount, boolean countForms, int bytes) {
    PostingEntry first = entries.get(0);
    PostingEntry last = entries.get(entries.size() - 1);
    int articles = 0;
    long tfSum = 0;
    int maxTf = 0;
    int minNorm = 255;
    List<Integer> formCounts = new ArrayList<>();
    for (int i = 0; countForms && i < formCount; i++) {
      formCounts.add(0);
    }
    for (PostingEntry e : entries) {
      if (e.kind() == DocKind.ARTICLE) {
        articles++;
      }
      tfSum += e.tf();
      maxTf = Math.max(maxTf, e.tf());
      minNorm = Math.min(minNorm, e.normByte());
      if (countForms) {
        formCounts.set(e.form(), formCounts.get(e.form()) + 1);
      }
    }
    return new ChunkSummary(
        id,
        first.key(),
        first.ord(),
        last.key(),
        last.ord(),
        articles,
        entries.size() - articles,
        tfSum,
        bytes,
        formCounts,
        maxTf,
        minNorm);
  }

  /**
   * The chunk an entry belongs in: the first whose last entry does not come before it, else the
   * last chunk.
   */
  static int locate(List<ChunkSummary> chunks, long key, long ord) {
    if (chunks.isEmpty()) {
      return NEW_CHUNK;
    }
    for (ChunkSummary c : chunks) {
      if (PostingEntry.compare(key, ord, c.loKey(), c.loOrd()) <= 0) {
        return c.id();
      }
    }
    return chunks.get(chunks.size() - 1).id();
  }
}
