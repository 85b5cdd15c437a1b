package org.newsindex.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexTable;
import org.newsindex.index.PostingChange;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.PostingListEditor;
import org.newsindex.index.PostingStore;
import org.newsindex.index.TermDirectory;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Applies a round's posting changes term by term: reads each term's directory and the chunks the
 * changes fall in, edits them, and writes chunks and directories back. Directories it wrote earlier
 * in the same run are taken from memory, not read back: the compactor holds the lease, so nobody
 * else has written them since.
 */
final class PostingWriter {
  private static final int DIRECTORY_CACHE_ENTRIES = 200_000;

  private final IndexTable table;
  private final PostingStore postings;
  private final int chunkBytes;
  private final Map<String, TermDirectory> writtenThisRun = new HashMap<>();

  PostingWriter(IndexTable table, int chunkBytes) {
    this.table = table;
    this.postings = new PostingStore(table);
    this.chunkBytes = chunkBytes;
  }

  /** Forgets what earlier runs wrote; called when a run (a hold of the lease) starts and ends. */
  void newRun() {
    writtenThisRun.clear();
  }

  /** Applies the changes; returns the number of items written. */
  int apply(Map<String, List<PostingChange>> byTerm, Deadline deadline) {
    if (byTerm.isEmpty()) {
      return 0;
    }
    Map<String, TermDirectory> directories = directories(byTerm.keySet(), deadline);
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

    List<WriteRequest> chunkWrites = new ArrayList<>();
    List<WriteRequest> directoryWrites = new ArrayList<>();
    Map<String, TermDirectory> written = new HashMap<>();
    byTerm.forEach(
        (term, list) -> {
          TermDirectory before = directories.getOrDefault(term, TermDirectory.empty(term));
          PostingListEditor.Edit edit =
              PostingListEditor.apply(
                  before, loaded.getOrDefault(term, Map.of()), list, chunkBytes);
          edit.writes()
              .forEach((id, entries) -> chunkWrites.add(PostingStore.putChunk(term, id, entries)));
          edit.deletes().forEach(id -> chunkWrites.add(PostingStore.deleteChunk(term, id)));
          TermDirectory after = edit.directory();
          directoryWrites.add(
              after.isEmpty()
                  ? PostingStore.deleteDirectory(term)
                  : PostingStore.putDirectory(after));
          written.put(term, after);
        });
    // Chunks before directories: a directory never lists a chunk that is not written yet.
    table.write(chunkWrites, deadline);
    table.write(directoryWrites, deadline);
    remember(written);
    return chunkWrites.size() + directoryWrites.size();
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

  private void remember(Map<String, TermDirectory> written) {
    if (writtenThisRun.size() + written.size() > DIRECTORY_CACHE_ENTRIES) {
      writtenThisRun.clear();
    }
    writtenThisRun.putAll(written);
  }
}
