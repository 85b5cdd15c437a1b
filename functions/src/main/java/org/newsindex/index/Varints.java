package org.newsindex.index;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Variable-length unsigned integers (7 bits a byte), the encoding of every packed index item. */
final class Varints {
  private Varints() {}

  static void write(ByteArrayOutputStream out, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value " + value);
    }
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Distinct non-negative numbers, sorted and delta-coded: a count, then the gaps. */
  static byte[] packSorted(Collection<Long> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(values.size() * 3 + 2);
    TreeSet<Long> sorted = new TreeSet<>(values);
    write(out, sorted.size());
    long previous = 0;
    for (long v : sorted) {
      write(out, v - previous);
      previous = v;
    }
    return out.toByteArray();
  }

  static Set<Long> unpackSorted(byte[] bytes) {
    Set<Long> out = new TreeSet<>();
    if (bytes.length == 0) {
      return out;
    }
    Reader in = new Reader(bytes);
    long n = in.next();
    long previous = 0;
    for (long i = 0; i < n; i++) {
      previous += in.next();
      out.add(previous);
    }
    return out;
  }

  /** Reads varints and raw bytes from an array, front to back. */
  static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean hasMore() {
      return at < bytes.length;
    }

    int raw() {
      return bytes[at++] & 0xFF;
    }

    long next() {
      long value = 0;
      int shift = 0;
      while (true) {
        int b = bytes[at++] & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
        shift += 7;
      }
    }
  }
}
