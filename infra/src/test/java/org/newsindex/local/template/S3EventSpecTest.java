package org.newsindex.local.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class S3EventSpecTest {
  private final S3EventSpec createdTxt =
      new S3EventSpec("Fn", "Uploads", "bucket", List.of("s3:ObjectCreated:*"), "in/", ".txt");

  @Test
  void wildcardMatchesEveryEventOfItsKind() {
    assertTrue(createdTxt.matches("bucket", "ObjectCreated:Put", "in/a.txt"));
    assertTrue(createdTxt.matches("bucket", "ObjectCreated:CompleteMultipartUpload", "in/a.txt"));
    assertFalse(createdTxt.matches("bucket", "ObjectRemoved:Delete", "in/a.txt"));
  }

  @Test
  void exactEventNameMatchesOnlyItself() {
    S3EventSpec puts =
        new S3EventSpec("Fn", "Puts", "bucket", List.of("s3:ObjectCreated:Put"), "", "");

    assertTrue(puts.matches("bucket", "ObjectCreated:Put", "a"));
    assertFalse(puts.matches("bucket", "ObjectCreated:Copy", "a"));
  }

  @Test
  void prefixSuffixAndBucketMustAllFit() {
    assertFalse(createdTxt.matches("bucket", "ObjectCreated:Put", "out/a.txt"));
    assertFalse(createdTxt.matches("bucket", "ObjectCreated:Put", "in/a.json"));
    assertFalse(createdTxt.matches("other", "ObjectCreated:Put", "in/a.txt"));
  }
}
