package org.newsindex.index;

import static org.newsindex.index.Attributes.n;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The intents of the round being written, recorded before any of its index writes: for each file,
 * the event it folds, the ordinals it gave the file and its article, and every headline it adds the
 * file to or removes it from; and the ordinal it gave each new headline. A round that dies part-way
 * leaves its journal; the next run replays it first, over the same files, reusing the same ordinals
 * for the same events, removing what was written for events that are no longer the latest and
 * touching the same headlines again, so it finishes exactly what the dead round began. Written as a
 * few packed pages, deleted when the round is done.
 */
final class RoundJournal {
  private static final int PAGE_BYTES = 300 * 1024;

  /** What a round allocated and touched for one file's event. */
  record FileEntry(
      String key, String sequencer, int fileOrd, long articleOrd, Set<String> headlines) {}

  /** A round's intents. */
  record Intents(Map<String, FileEntry> files, Map<String, Long> headlines, int pages) {
    static final Intents NONE = new Intents(Map.of(), Map.of(), 0);

    Optional<FileEntry> file(String key) {
      return Optional.ofNullable(files.get(key));
    }

    boolean isEmpty() {
      return files.isEmpty() && headlines.isEmpty();
    }
  }

  private final IndexTable table;

  RoundJournal(IndexTable table) {
    this.table = table;
  }

  /** The journal a dead round left (empty if the last round finished). */
  Intents read(Deadline deadline) {
    List<Map<String, AttributeValue>> pages =
        table.query(
            q ->
                q.keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", Attributes.s(TableKeys.roundPage(0).pk())))
                    .consistentRead(true),
            1000,
            deadline);
    Map<String, FileEntry> files = new LinkedHashMap<>();
    Map<String, Long> headlines = new HashMap<>();
    for (Map<String, AttributeValue> page : pages) {
      Varints.Reader in = new Varints.Reader(Attributes.bytes(page, "b"));
      while (in.hasMore()) {
        int type = in.raw();
        if (type == 'f') {
          String key = readString(in);
          String seq = readString(in);
          int fileOrd = (int) in.next();
          long articleOrd = in.next();
          long count = in.next();
          Set<String> touched = new HashSet<>();
          for (long i = 0; i < count; i++) {
            touched.add(readId(in));
          }
          files.put(key, new FileEntry(key, seq, fileOrd, articleOrd, touched));
        } else {
          headlines.put(readId(in), in.next());
        }
      }
    }
    return new Intents(files, headlines, pages.size());
  }

  /** The writes that record the intents, replacing the journal of {@code previousPages} pages. */
  static List<TableWrite> record(Intents intents, int previousPages, long epoch) {
    List<byte[]> pages = new ArrayList<>();
    ByteArrayOutputStream page = new ByteArrayOutputStream();
    for (FileEntry e : intents.files().values()) {
      page.write('f');
      writeString(page, e.key());
      writeString(page, e.sequencer());
      Varints.write(page, e.fileOrd());
      Varints.write(page, e.articleOrd());
      Varints.write(page, e.headlines().size());
      for (String id : e.headlines()) {
        writeId(page, id);
      }
      page = flushIfFull(pages, page);
    }
    for (Map.Entry<String, Long> e : intents.headlines().entrySet()) {
      page.write('h');
      writeId(page, e.getKey());
      Varints.write(page, e.getValue());
      page = flushIfFull(pages, page);
    }
    if (page.size() > 0) {
      pages.add(page.toByteArray());
    }
    List<TableWrite> writes = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>(TableKeys.roundPage(i).toMap());
      item.put("b", Attributes.b(pages.get(i)));
      item.put("epoch", n(epoch));
      writes.add(TableWrite.put(item));
    }
    for (int i = pages.size(); i < previousPages; i++) {
      writes.add(TableWrite.delete(TableKeys.roundPage(i)));
    }
    return writes;
  }

  /** How many pages {@link #record} writes for these intents. */
  static int pages(List<TableWrite> recorded) {
    return (int) recorded.stream().filter(w -> w instanceof TableWrite.Put).count();
  }

  /** The writes that remove a journal of {@code pages} pages (the round is done). */
  static List<TableWrite> clear(int pages) {
    List<TableWrite> writes = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      writes.add(TableWrite.delete(TableKeys.roundPage(i)));
    }
    return writes;
  }

  private static ByteArrayOutputStream flushIfFull(List<byte[]> pages, ByteArrayOutputStream page) {
    if (page.size() < PAGE_BYTES) {
      return page;
    }
    pages.add(page.toByteArray());
    return new ByteArrayOutputStream();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    Varints.write(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static String readString(Varints.Reader in) {
    int length = (int) in.next();
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) in.raw();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A headline id ("h" and 16 hex digits) as 8 bytes. */
  private static void writeId(ByteArrayOutputStream out, String id) {
    out.writeBytes(HexFormat.of().parseHex(id, 1, 17));
  }

  private static String readId(Varints.Reader in) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) in.raw();
    }
    return "h" + HexFormat.of().formatHex(b);
  }
}
