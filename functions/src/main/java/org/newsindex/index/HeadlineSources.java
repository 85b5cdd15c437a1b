package org.newsindex.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The set of files that list one headline, as the writer edits it: the first {@value
 * StoredDocument#LISTED_SOURCES} by file ordinal (named in the document and its postings), then
 * sealed chunks and a tail for the rest. Adding and removing are set operations, so applying a
 * round's changes twice (a retry) gives the same set. Pure logic: the caller reads the sealed
 * chunks an edit needs ({@link #chunksNeeded}) and writes what changed.
 */
final class HeadlineSources {
  private final long ord;
  private final SortedMap<Integer, String> listed = new TreeMap<>();
  private final List<SourceOverflow.SealedChunk> sealed = new ArrayList<>();
  private final SortedSet<Integer> tail = new TreeSet<>();
  private final Map<Integer, SortedSet<Integer>> loadedChunks = new TreeMap<>();
  private final Set<Integer> dirtyChunks = new HashSet<>();
  private final Set<Integer> emptiedChunks = new HashSet<>();
  private boolean listedChanged;

  HeadlineSources(long ord, StoredDocument current) {
    this.ord = ord;
    for (int i = 0; i < current.sourceOrds().size(); i++) {
      listed.put(current.sourceOrds().get(i), current.sources().get(i));
    }
    sealed.addAll(current.overflow().sealed());
    tail.addAll(current.overflow().tail());
  }

  HeadlineSources(long ord) {
    this.ord = ord;
  }

  /** The sealed chunks (by first file ordinal) that adding and removing these files must read. */
  static Set<Integer> chunksNeeded(
      StoredDocument current, Set<Integer> adds, Set<Integer> removes) {
    Set<Integer> needed = new HashSet<>();
    List<SourceOverflow.SealedChunk> chunks = current.overflow().sealed();
    if (chunks.isEmpty()) {
      return needed;
    }
    for (int f : adds) {
      chunkFor(chunks, f).ifPresent(c -> needed.add(c.first()));
    }
    for (int f : removes) {
      chunkFor(chunks, f).ifPresent(c -> needed.add(c.first()));
    }
    int largestListed =
        current.sourceOrds().stream().mapToInt(Integer::intValue).max().orElse(Integer.MIN_VALUE);
    // Adding a file below the last listed one demotes that one into the first chunk; removing a
    // listed file promotes the smallest of the rest, the first chunk's (and the next ones', should
    // the removals empty it).
    boolean demotes = adds.stream().anyMatch(f -> f < largestListed);
    boolean promotes = removes.stream().anyMatch(current.sourceOrds()::contains);
    if (demotes || promotes) {
      int covered = 0;
      for (SourceOverflow.SealedChunk c : chunks) {
        needed.add(c.first());
        covered += c.count();
        if (covered > removes.size()) {
          break;
        }
      }
    }
    return needed;
  }

  void load(int first, SortedSet<Integer> fileOrds) {
    loadedChunks.put(first, new TreeSet<>(fileOrds));
  }

  /** Adds a file (its ordinal and key); nothing happens if it is already a source. */
  void add(int fileOrd, String key) {
    if (listed.containsKey(fileOrd) || inOverflow(fileOrd)) {
      return;
    }
    listed.put(fileOrd, key);
    listedChanged = true;
    if (listed.size() > StoredDocument.LISTED_SOURCES) {
      int demoted = listed.lastKey();
      listed.remove(demoted);
      addToOverflow(demoted);
    }
  }

  /** Removes a file; nothing happens if it is not a source. */
  void remove(int fileOrd) {
    if (listed.remove(fileOrd) != null) {
      listedChanged = true;
      promote();
    } else {
      removeFromOverflow(fileOrd);
    }
  }

  /**
   * Fills {@code listed} back up from the rest: the smallest of the first sealed chunk or of the
   * tail.
   */
  private void promote() {
    while (listed.size() < StoredDocument.LISTED_SOURCES && count() > listed.size()) {
      Integer next = smallestOverflow();
      if (next == null) {
        return;
      }
      removeFromOverflow(next);
      listed.put(next, null);
    }
  }

  private Integer smallestOverflow() {
    for (SourceOverflow.SealedChunk c : sealed) {
      SortedSet<Integer> chunk = chunk(c.first());
      if (!chunk.isEmpty()) {
        return chunk.first();
      }
    }
    return tail.isEmpty() ? null : tail.first();
  }

  private boolean inOverflow(int fileOrd) {
    if (tail.contains(fileOrd)) {
      return true;
    }
    return chunkFor(sealed, fileOrd).map(c -> chunk(c.first()).contains(fileOrd)).orElse(false);
  }

  private void addToOverflow(int fileOrd) {
    java.util.Optional<SourceOverflow.SealedChunk> target = chunkFor(sealed, fileOrd);
    if (target.isPresent()) {
      chunk(target.get().first()).add(fileOrd);
      dirtyChunks.add(target.get().first());
    } else {
      tail.add(fileOrd);
    }
  }

  private void removeFromOverflow(int fileOrd) {
    if (tail.remove(fileOrd)) {
      return;
    }
    chunkFor(sealed, fileOrd)
        .ifPresent(
            c -> {
              if (chunk(c.first()).remove(fileOrd)) {
                dirtyChunks.add(c.first());
              }
            });
  }

  /**
   * The chunk whose range holds the ordinal; an ordinal below the tail but between chunks goes to
   * the next chunk up (its range grows), so every chunk stays below the tail.
   */
  private static java.util.Optional<SourceOverflow.SealedChunk> chunkFor(
      List<SourceOverflow.SealedChunk> chunks, int fileOrd) {
    for (SourceOverflow.SealedChunk c : chunks) {
      if (fileOrd <= c.last()) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }

  private SortedSet<Integer> chunk(int first) {
    SortedSet<Integer> loaded = loadedChunks.get(first);
    if (loaded == null) {
      throw new IllegalStateException(
          "sealed chunk " + first + " of headline " + ord + " was needed but not read");
    }
    return loaded;
  }

  /** How many files list the headline. */
  long count() {
    long n = listed.size() + tail.size();
    for (SourceOverflow.SealedChunk c : sealed) {
      SortedSet<Integer> loaded = loadedChunks.get(c.first());
      n += loaded == null ? c.count() : loaded.size();
    }
    return n;
  }

  boolean isEmpty() {
    return count() == 0;
  }

  /** Whether the first files (those the document and postings name) changed. */
  boolean listedChanged() {
    return listedChanged;
  }

  /** The first files by ordinal, with their keys (null for one promoted whose key is unknown). */
  SortedMap<Integer, String> listed() {
    return listed;
  }

  void nameListed(Map<Integer, String> keys) {
    listed.replaceAll((f, k) -> k != null ? k : keys.get(f));
  }

  /**
   * Seals the tail into a chunk of its own once it is long enough, and finalizes the edited chunks;
   * returns the overflow to store in the document.
   */
  SourceOverflow seal() {
    List<SourceOverflow.SealedChunk> out = new ArrayList<>();
    for (SourceOverflow.SealedChunk c : sealed) {
      SortedSet<Integer> loaded = loadedChunks.get(c.first());
      if (loaded == null) {
        out.add(c);
      } else if (loaded.isEmpty()) {
        emptiedChunks.add(c.first());
        dirtyChunks.remove(c.first());
      } else if (loaded.first() != c.first()) {
        // The chunk's first ordinal is its key: a chunk whose first changed moves to a new key.
        emptiedChunks.add(c.first());
        dirtyChunks.remove(c.first());
        loadedChunks.put(loaded.first(), loaded);
        dirtyChunks.add(loaded.first());
        out.add(new SourceOverflow.SealedChunk(loaded.first(), loaded.last(), loaded.size()));
      } else {
        out.add(new SourceOverflow.SealedChunk(c.first(), loaded.last(), loaded.size()));
      }
    }
    SortedSet<Integer> remainingTail = new TreeSet<>(tail);
    if (remainingTail.size() >= SourceOverflow.SEAL_AT) {
      loadedChunks.put(remainingTail.first(), remainingTail);
      dirtyChunks.add(remainingTail.first());
      out.add(
          new SourceOverflow.SealedChunk(
              remainingTail.first(), remainingTail.last(), remainingTail.size()));
      remainingTail = new TreeSet<>();
    }
    sealed.clear();
    sealed.addAll(out);
    tail.clear();
    tail.addAll(remainingTail);
    return new SourceOverflow(out, remainingTail);
  }

  /** The sealed chunks to write after {@link #seal}, by first file ordinal. */
  Map<Integer, SortedSet<Integer>> chunksToWrite() {
    Map<Integer, SortedSet<Integer>> out = new TreeMap<>();
    dirtyChunks.forEach(first -> out.put(first, loadedChunks.get(first)));
    return out;
  }

  /** The sealed chunks to delete after {@link #seal}. */
  Set<Integer> chunksToDelete() {
    return emptiedChunks;
  }

  /** The sealed chunks not read yet, by first file ordinal (listing every file needs them). */
  Set<Integer> unreadChunks() {
    Set<Integer> out = new TreeSet<>();
    sealed.forEach(
        c -> {
          if (!loadedChunks.containsKey(c.first())) {
            out.add(c.first());
          }
        });
    return out;
  }

  /** Every file that lists the headline, once every sealed chunk is read. */
  SortedSet<Integer> all() {
    SortedSet<Integer> out = new TreeSet<>(listed.keySet());
    out.addAll(tail);
    sealed.forEach(c -> out.addAll(chunk(c.first())));
    return out;
  }

  /** Every sealed chunk (when the whole headline goes). */
  List<SourceOverflow.SealedChunk> sealedChunks() {
    return sealed;
  }
}
