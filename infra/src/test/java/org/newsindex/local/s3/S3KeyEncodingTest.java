package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class S3KeyEncodingTest {
  @Test
  void spaceBecomesPlusAndPlusIsEscaped() {
    assertEquals("my+file%2B1.txt", S3KeyEncoding.encode("my file+1.txt"));
  }

  @Test
  void nonAsciiIsPercentEncodedUtf8() {
    assertEquals("caf%C3%A9+%E2%82%AC.txt", S3KeyEncoding.encode("café €.txt"));
  }

  @Test
  void slashesStayAsTheyAre() {
    assertEquals("a/b/c.txt", S3KeyEncoding.encode("a/b/c.txt"));
  }

  @Test
  void reservedCharactersAreEscapedAndUnreservedKept() {
    assertEquals("k%3Dv%26x%3A1%3F-_.*", S3KeyEncoding.encode("k=v&x:1?-_.*"));
  }
}
