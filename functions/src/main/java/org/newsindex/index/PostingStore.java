package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads and writes term directories and chunks of postings. */
public final class PostingStore {
  private final IndexTable table;

  public PostingStore(IndexTable table) {
    this.table = table;
  }

  /** The directories of the terms that are indexed; absent terms are left out. */
  public Map<String, TermDirectory> directories(
      Collection<String> terms, boolean consistent, Deadline deadline) {
    Map<String, TermDirectory> out = new HashMap<>();
    table
        .getAll(terms.stream().map(TableKeys::directory).toList(), consistent, deadline)
        .values()
        .forEach(
            item -> {
              TermDirectory d = decodeDirectory(item);
              out.put(d.term(), d);
            });
    return out;
  }

  /**
   * Indexed terms that start with the prefix (which must be two or more characters), in term order.
   */
  public List<String> termsWithPrefix(String prefix, int limit, Deadline deadline) {
    String keyPrefix = KeyText.prefix(prefix, KeyText.SORT_KEY_BYTES - 24);
    return table
        .query(
            q ->
                q.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .projectionExpression("sk, #term")
                    .expressionAttributeNames(Map.of("#term", "term"))
                    .expressionAttributeValues(
                        Map.of(
                            ":pk",
                            s(TableKeys.directoryPartition(prefix)),
                            ":prefix",
                            s(keyPrefix))),
            limit,
            deadline)
        .stream()
        .map(item -> Attributes.string(item, "term").orElseGet(() -> item.get("sk").s()))
        .filter(t -> t.startsWith(prefix))
        .toList();
  }

  /** Chunks stored as items of their own (the inline chunk comes with its directory). */
  public Map<ChunkRef, List<PostingEntry>> chunks(
      Collection<ChunkRef> refs, boolean consistent, Deadline deadline) {
    Map<ItemKey, ChunkRef> byKey = new HashMap<>();
    refs.stream()
        .filter(r -> r.chunkId() != TermDirectory.INLINE)
        .forEach(r -> byKey.put(TableKeys.chunk(r.term(), r.chunkId()), r));
    Map<ChunkRef, List<PostingEntry>> out = new HashMap<>();
    table
        .getAll(byKey.keySet(), consistent, deadline)
        .forEach(
            (key, item) ->
                out.put(
                    byKey.get(key),
                    ChunkCodec.decode(Attributes.bytes(item, "b"), byKey.get(key).term())));
    return out;
  }

  /** One chunk of one term's postings. */
  public record ChunkRef(String term, int chunkId) {}

  /** A chunk of {@code entries} postings, {@code encoded} by {@link ChunkCodec}. */
  static TableWrite putChunk(String term, int chunkId, int entries, byte[] encoded, long epoch) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.chunk(term, chunkId).toMap());
    item.put("term", s(term));
    item.put("b", Attributes.b(encoded));
    item.put("n", n(entries));
    item.put("epoch", n(epoch));
    return TableWrite.put(item);
  }

  static TableWrite deleteChunk(String term, int chunkId) {
    return TableWrite.delete(TableKeys.chunk(term, chunkId));
  }

  static TableWrite putDirectory(TermDirectory d, long epoch) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.directory(d.term()).toMap());
    item.put("term", s(d.term()));
    item.put("epoch", n(epoch));
    item.put("df", n(d.docFreq()));
    item.put("dfArticle", n(d.docFreq(DocKind.ARTICLE)));
    item.put("dfHeadline", n(d.docFreq(DocKind.HEADLINE)));
    item.put("tfSum", n(d.tfSum()));
    item.put("forms", Attributes.strings(d.forms()));
    item.put("formDf", Attributes.numbers(d.formCounts()));
    item.put("next", n(d.nextChunkId()));
    item.put("chunks", Attributes.b(encodeSummaries(d.chunks())));
    if (!d.inline().isEmpty()) {
      item.put("inline", Attributes.b(ChunkCodec.encode(d.inline())));
    }
    if (!d.retired().isEmpty()) {
      item.put("retired", Attributes.numbers(d.retired()));
    }
    return TableWrite.put(item);
  }

  static TableWrite deleteDirectory(String term) {
    return TableWrite.delete(TableKeys.directory(term));
  }

  static TermDirectory decodeDirectory(Map<String, AttributeValue> item) {
    return decodeDirectory(item, true);
  }

  /** A directory with its chunk summaries and forms but not its inline postings. */
  static TermDirectory decodeSummary(Map<String, AttributeValue> item) {
    return decodeDirectory(item, false);
  }

  private static TermDirectory decodeDirectory(Map<String, AttributeValue> item, boolean inline) {
    String term = Attributes.string(item, "term").orElseGet(() -> item.get("sk").s());
    byte[] bytes = inline ? Attributes.bytes(item, "inline") : new byte[0];
    return new TermDirectory(
        term,
        decodeSummaries(Attributes.bytes(item, "chunks")),
        Attributes.stringList(item, "forms"),
        (int) Attributes.number(item, "next", 1),
        bytes.length == 0 ? List.of() : ChunkCodec.decode(bytes, term),
        Attributes.numberList(item, "retired").stream().map(Long::intValue).toList());
  }

  static byte[] encodeSummaries(List<ChunkSummary> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varints.write(out, chunks.size());
    for (ChunkSummary c : chunks) {
      Varints.write(out, c.id());
      Varints.write(out, c.hiKey());
      Varints.write(out, c.hiOrd());
      Varints.write(out, c.loKey());
      Varints.write(out, c.loOrd());
      Varints.write(out, c.articles());
      Varints.write(out, c.headlines());
      Varints.write(out, c.tfSum());
      Varints.write(out, c.bytes());
      Varints.write(out, c.formCounts().size());
      c.formCounts().forEach(count -> Varints.write(out, count));
      Varints.write(out, c.maxTf());
      Varints.write(out, c.minNormByte());
    }
    return out.toByteArray();
  }

  static List<ChunkSummary> decodeSummaries(byte[] bytes) {
    if (bytes.length == 0) {
      return List.of();
    }
    Varints.Reader in = new Varints.Reader(bytes);
    int n = (int) in.next();
    List<ChunkSummary> chunks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int id = (int) in.next();
      long hiKey = in.next();
      long hiOrd = in.next();
      long loKey = in.next();
      long loOrd = in.next();
      int articles = (int) in.next();
      int headlines = (int) in.next();
      long tfSum = in.next();
      int size = (int) in.next();
      int forms = (int) in.next();
      List<Integer> counts = new ArrayList<>(forms);
      for (int f = 0; f < forms; f++) {
        counts.add((int) in.next());
      }
      int maxTf = (int) in.next();
      int minNorm = (int) in.next();
      chunks.add(
          new ChunkSummary(
              id, hiKey, hiOrd, loKey, loOrd, articles, headlines, tfSum, size, counts, maxTf,
              minNorm));
    }
    return chunks;
  }
}
