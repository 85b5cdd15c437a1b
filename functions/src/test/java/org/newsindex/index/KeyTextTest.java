package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyTextTest {
  @Test
  void textThatFitsIsKeptAsItIs() {
    String text = "é".repeat(512);
    assertEquals(1024, KeyText.utf8Length(text));
    assertEquals(text, KeyText.bounded(text, 1024));
  }

  @Test
  void longerTextBecomesAPrefixAndAHashWithinTheLimitInBytes() {
    // U+FDFA is one character of 3 bytes that NFKC turns into 18 characters.
    String text = "\uFDFA".repeat(400) + "ж".repeat(300);
    String key = KeyText.bounded(text, 1024);
    assertTrue(KeyText.utf8Length(key) <= 1024, "bytes: " + KeyText.utf8Length(key));
    assertTrue(key.startsWith("\uFDFA".repeat(300)));
  }

  @Test
  void distinctLongTextsKeepDistinctKeys() {
    String common = "x".repeat(2000);
    assertNotEquals(KeyText.bounded(common + "a", 1024), KeyText.bounded(common + "b", 1024));
  }

  @Test
  void aPrefixNeverSplitsACharacter() {
    String text = "a" + "😀".repeat(10);
    assertEquals("a😀", KeyText.prefix(text, 6));
    assertEquals("a😀", KeyText.prefix(text, 5));
    assertEquals("a", KeyText.prefix(text, 4));
  }

  @Test
  void utf8LengthCountsSurrogatePairsAsFourBytes() {
    assertEquals(4, KeyText.utf8Length("😀"));
    assertEquals(3, KeyText.utf8Length("€"));
    assertEquals(2, KeyText.utf8Length("é"));
  }
}
