package org.newsindex.corpus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a file's bytes to text, or says why they are not text. UTF-8 is expected; a UTF-8 byte
 * order mark is dropped; UTF-16 with a byte order mark is decoded; binary content (PDF, PNG, NUL
 * bytes) and invalid UTF-8 are rejected with the offset of the first bad byte.
 */
public final class TextDecoder {
  private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] GZIP = {0x1F, (byte) 0x8B};

  private TextDecoder() {}

  public static String decode(byte[] bytes) throws RejectedFileException {
    if (startsWith(bytes, PDF)) {
      throw new RejectedFileException(
          "the file is a PDF document, not text; upload its text as UTF-8");
    }
    if (startsWith(bytes, PNG)) {
      throw new RejectedFileException("the file is a PNG image, not text");
    }
    if (startsWith(bytes, ZIP) || startsWith(bytes, GZIP)) {
      throw new RejectedFileException(
          "the file is a compressed archive, not text; upload the files inside it");
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16 (big-endian)");
    }
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16 (little-endian)");
    }
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new RejectedFileException(
            "the file is binary, not text (a NUL byte at offset " + i + ")");
      }
    }
    return strict(bytes, start, StandardCharsets.UTF_8, "UTF-8");
  }

  private static String strict(byte[] bytes, int start, Charset charset, String name)
      throws RejectedFileException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out =
        CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) bytes.length + 16));
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new RejectedFileException(
          "the file is not valid "
              + name
              + " text (an invalid byte sequence at offset "
              + in.position()
              + "); save it as UTF-8");
    }
    try {
      result = decoder.flush(out);
      if (result.isError()) {
        result.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new RejectedFileException(
          "the file is not valid " + name + " text (it ends inside a character)");
    }
    out.flip();
    return out.toString();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
