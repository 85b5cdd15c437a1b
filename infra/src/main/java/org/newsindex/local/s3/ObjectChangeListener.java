package org.newsindex.local.s3;

/** Told about every object created or removed through the local S3, right after it happened. */
@FunctionalInterface
public interface ObjectChangeListener {
  void changed(ObjectChange change);
}
