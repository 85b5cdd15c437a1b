package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads and writes documents, the pointers from document ids to ordinals, file ordinals' keys, and
 * the sealed chunks of widely shared headlines' source files.
 */
public final class DocumentStore {
  private static final int FILE_KEY_CACHE_SIZE = 200_000;
  private static final Map<Integer, String> FILE_KEYS = new ConcurrentHashMap<>();

  private final IndexTable table;

  public DocumentStore(IndexTable table) {
    this.table = table;
  }

  public Map<Long, StoredDocument> documents(
      Collection<Long> ords, boolean consistent, Deadline deadline) {
    Map<ItemKey, Map<String, AttributeValue>> items =
        table.getAll(ords.stream().map(TableKeys::document).toList(), consistent, deadline);
    Map<Long, StoredDocument> out = new HashMap<>();
    items
        .values()
        .forEach(
            item -> {
              StoredDocument doc = decode(item);
              out.put(doc.ord(), doc);
            });
    return out;
  }

  public Optional<StoredDocument> document(long ord, boolean consistent) {
    return table.get(TableKeys.document(ord), consistent).map(DocumentStore::decode);
  }

  /** The current ordinal of each document id that has one. */
  public Map<String, DocumentPointer> pointers(
      Collection<String> ids, boolean consistent, Deadline deadline) {
    Map<String, DocumentPointer> out = new HashMap<>();
    table
        .getAll(ids.stream().map(TableKeys::pointer).toList(), consistent, deadline)
        .values()
        .forEach(
            item -> {
              DocumentPointer p =
                  new DocumentPointer(
                      Attributes.requiredString(item, "id"), Attributes.number(item, "ord", 0));
              out.put(p.id(), p);
            });
    return out;
  }

  public Optional<StoredDocument> byId(String id, Deadline deadline) {
    return table
        .get(TableKeys.pointer(id), false, deadline)
        .flatMap(
            item ->
                table
                    .get(TableKeys.document(Attributes.number(item, "ord", 0)), false, deadline)
                    .map(DocumentStore::decode));
  }

  /**
   * The S3 keys of file ordinals. A file ordinal never changes its key, so keys once read are kept
   * for the life of the process (bounded), and facets of repeated searches cost no reads.
   */
  public Map<Integer, String> fileKeys(Collection<Integer> fileOrds, Deadline deadline) {
    Map<Integer, String> out = new HashMap<>();
    List<ItemKey> missing = new ArrayList<>();
    for (int ord : fileOrds) {
      String key = FILE_KEYS.get(ord);
      if (key != null) {
        out.put(ord, key);
      } else {
        missing.add(TableKeys.file(ord));
      }
    }
    table
        .getAll(missing, false, deadline)
        .values()
        .forEach(
            item -> {
              int ord = (int) Attributes.number(item, "ord", 0);
              String key = Attributes.requiredString(item, "key");
              out.put(ord, key);
              if (FILE_KEYS.size() < FILE_KEY_CACHE_SIZE) {
                FILE_KEYS.put(ord, key);
              }
            });
    return out;
  }

  /**
   * Every source file ordinal of a document past its first {@value StoredDocument#LISTED_SOURCES},
   * in order, starting after {@code afterFileOrd}; at most {@code limit}.
   */
  public List<Integer> overflowSources(
      StoredDocument doc, int afterFileOrd, int limit, Deadline deadline) {
    List<Integer> out = new ArrayList<>();
    for (SourceOverflow.SealedChunk c : doc.overflow().sealed()) {
      if (out.size() >= limit) {
        return out;
      }
      if (c.last() <= afterFileOrd) {
        continue;
      }
      for (int f : sealedChunk(doc.ord(), c.first(), deadline)) {
        if (f > afterFileOrd && out.size() < limit) {
          out.add(f);
        }
      }
    }
    for (int f : doc.overflow().tail()) {
      if (f > afterFileOrd && out.size() < limit) {
        out.add(f);
      }
    }
    return out;
  }

  /** The file ordinals of one sealed chunk of a headline's sources. */
  SortedSet<Integer> sealedChunk(long ord, int first, Deadline deadline) {
    return table
        .get(TableKeys.headlineSources(ord, first), true, deadline)
        .map(item -> toInts(Varints.unpackSorted(Attributes.bytes(item, "b"))))
        .orElseGet(TreeSet::new);
  }

  static TableWrite putSealedChunk(long ord, SortedSet<Integer> fileOrds, long epoch) {
    Map<String, AttributeValue> item =
        new HashMap<>(TableKeys.headlineSources(ord, fileOrds.first()).toMap());
    item.put("b", Attributes.b(Varints.packSorted(fileOrds.stream().map(Long::valueOf).toList())));
    item.put("n", n(fileOrds.size()));
    item.put("epoch", n(epoch));
    return TableWrite.put(item);
  }

  static TableWrite deleteSealedChunk(long ord, int first) {
    return TableWrite.delete(TableKeys.headlineSources(ord, first));
  }

  static TableWrite put(StoredDocument doc, long epoch) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.document(doc.ord()).toMap());
    item.put("ord", n(doc.ord()));
    item.put("id", s(doc.id()));
    item.put("kind", s(doc.kind().label()));
    item.put("title", s(doc.title()));
    if (doc.kind() == DocKind.ARTICLE) {
      item.put("text", s(doc.text()));
    }
    item.put("sources", Attributes.strings(doc.sources()));
    item.put("sourceOrds", Attributes.numbers(doc.sourceOrds()));
    if (!doc.overflow().sealed().isEmpty()) {
      item.put("sealed", Attributes.b(packSealed(doc.overflow().sealed())));
    }
    if (!doc.overflow().tail().isEmpty()) {
      item.put(
          "tail",
          Attributes.b(
              Varints.packSorted(doc.overflow().tail().stream().map(Long::valueOf).toList())));
    }
    item.put("length", n(doc.length()));
    item.put("ingestedAt", s(doc.ingestedAt().toString()));
    item.put("pub", n(doc.published().getEpochSecond()));
    if (!doc.contentHash().isEmpty()) {
      item.put("hash", s(doc.contentHash()));
    }
    item.put("epoch", n(epoch));
    return TableWrite.put(item);
  }

  static TableWrite putPointer(String id, long ord, long epoch) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.pointer(id).toMap());
    item.put("id", s(id));
    item.put("ord", n(ord));
    item.put("epoch", n(epoch));
    return TableWrite.put(item);
  }

  /** A file ordinal's key and, while the file is indexed, when its story was published. */
  static TableWrite putFile(int fileOrd, String key, Optional<Instant> published) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.file(fileOrd).toMap());
    item.put("ord", n(fileOrd));
    item.put("key", s(key));
    published.ifPresent(p -> item.put("pub", n(p.getEpochSecond())));
    return TableWrite.put(item);
  }

  /** When the stories of files (by ordinal) were published, for those indexed with a time. */
  Map<Integer, Instant> filePublished(Collection<Integer> fileOrds, Deadline deadline) {
    Map<Integer, Instant> out = new HashMap<>();
    table
        .getAll(fileOrds.stream().map(TableKeys::file).toList(), true, deadline)
        .values()
        .forEach(
            item -> {
              if (item.containsKey("pub")) {
                out.put(
                    (int) Attributes.number(item, "ord", 0),
                    Instant.ofEpochSecond(Attributes.number(item, "pub", 0)));
              }
            });
    return out;
  }

  static StoredDocument decode(Map<String, AttributeValue> item) {
    DocKind kind = DocKind.parse(Attributes.requiredString(item, "kind")).orElseThrow();
    String title = Attributes.string(item, "title").orElse("");
    SortedSet<Integer> tail = toInts(Varints.unpackSorted(Attributes.bytes(item, "tail")));
    Instant ingestedAt = Instant.parse(Attributes.requiredString(item, "ingestedAt"));
    return new StoredDocument(
        Attributes.number(item, "ord", 0),
        Attributes.requiredString(item, "id"),
        kind,
        title,
        kind == DocKind.ARTICLE ? Attributes.string(item, "text").orElse("") : title,
        Attributes.stringList(item, "sources"),
        Attributes.numberList(item, "sourceOrds").stream().map(Long::intValue).toList(),
        (int) Attributes.number(item, "length", 0),
        ingestedAt,
        Attributes.string(item, "hash").orElse(""),
        new SourceOverflow(unpackSealed(Attributes.bytes(item, "sealed")), tail),
        item.containsKey("pub")
            ? Instant.ofEpochSecond(Attributes.number(item, "pub", 0))
            : ingestedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static byte[] packSealed(List<SourceOverflow.SealedChunk> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varints.write(out, chunks.size());
    for (SourceOverflow.SealedChunk c : chunks) {
      Varints.write(out, c.first());
      Varints.write(out, c.last() - c.first());
      Varints.write(out, c.count());
    }
    return out.toByteArray();
  }

  private static List<SourceOverflow.SealedChunk> unpackSealed(byte[] bytes) {
    List<SourceOverflow.SealedChunk> out = new ArrayList<>();
    if (bytes.length == 0) {
      return out;
    }
    Varints.Reader in = new Varints.Reader(bytes);
    long n = in.next();
    for (long i = 0; i < n; i++) {
      int first = (int) in.next();
      int last = first + (int) in.next();
      out.add(new SourceOverflow.SealedChunk(first, last, (int) in.next()));
    }
    return out;
  }

  private static SortedSet<Integer> toInts(java.util.Set<Long> values) {
    SortedSet<Integer> out = new TreeSet<>();
    values.forEach(v -> out.add(v.intValue()));
    return out;
  }

  /** Where a document id points: its current ordinal. */
  public record DocumentPointer(String id, long ord) {}
}
