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
      Set<Integer> retired) {}

  /** The chunks that must be read before {@link #apply}. */
  public static Set<Integer> chunksToRead(TermDirectory directory, List<PostingChange> changes) {
    Set<Integer> ids = new HashSet<>();
    for (PostingChange change : changes) {
      int id = locate(directory.chunks(), change.key(), change.ord());
      if (id != NEW_CHUNK && id != TermDirectory.INLINE) {
        ids.add(id);
      }
    }
    return ids;
  }

  public static Edit apply(
      TermDirectory directory,
      Map<Integer, List<PostingEntry>> stored,
      List<PostingChange> changes) {
    return apply(directory, stored, changes, MAX_CHUNK_BYTES);
  }

  /**
   * As {@link #apply(TermDirectory, Map, List)}, splitting chunks that pass {@code maxChunkBytes}.
   */
  public static Edit apply(
      TermDirectory directory,
      Map<Integer, List<PostingEntry>> stored,
      List<PostingChange> changes,
      int maxChunkBytes) {
    Map<Integer, List<PostingEntry>> loaded = new HashMap<>(stored);
    loaded.put(TermDirectory.INLINE, directory.inline());
    List<String> forms = new ArrayList<>(directory.forms());
    Map<Integer, Map<Long, PostingEntry>> touched = new LinkedHashMap<>();
    for (PostingChange change : changes) {
      int id = locate(directory.chunks(), change.key(), change.ord());
      Map<Long, PostingEntry> entries =
          touched.computeIfAbsent(
              id,
              k -> {
                Map<Long, PostingEntry> byOrd = new HashMap<>();
                loaded.getOrDefault(k, List.of()).forEach(e -> byOrd.put(e.ord(), e));
                return byOrd;
              });
      if (change instanceof PostingChange.Removal) {
        entries.remove(change.ord());
      } else if (change instanceof PostingChange.Upsert upsert) {
        PostingEntry e = upsert.entry();
        int form = 0;
        if (upsert.form() != null) {
          form = forms.indexOf(upsert.form());
          if (form < 0 && forms.size() < MAX_FORMS) {
            forms.add(upsert.form());
            form = forms.size() - 1;
          } else if (form < 0) {
            form = 0;
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
    boolean countForms = !TermDirectory.ALL_DOCUMENTS.equals(directory.term());
    for (Map.Entry<Integer, Map<Long, PostingEntry>> chunk : touched.entrySet()) {
      int id = chunk.getKey() == NEW_CHUNK ? nextId++ : chunk.getKey();
      List<PostingEntry> entries = new ArrayList<>(chunk.getValue().values());
      entries.sort(PostingEntry::compareTo);
      summaries.remove(id);
      if (entries.isEmpty()) {
        if (chunk.getKey() != NEW_CHUNK) {
          deletes.add(id);
        }
        continue;
      }
      byte[] encoded = ChunkCodec.encode(entries);
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
        int partId = p == 0 && !replaced ? id : nextId++;
        writes.put(partId, List.copyOf(part));
        int bytes = parts == 1 ? encoded.length : ChunkCodec.encode(part).length;
        summaries.put(partId, summarize(partId, part, forms.size(), countForms, bytes));
      }
    }
    // One chunk that fits lives inline in the directory; with more, none does.
    List<PostingEntry> inline = List.of();
    if (summaries.size() == 1) {
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
    return new Edit(updated, writes, deletes, retired);
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
