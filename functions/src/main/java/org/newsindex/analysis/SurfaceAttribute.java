package org.newsindex.analysis;

import org.apache.lucene.util.Attribute;

/** A token's surface form: its term as it was before stemming (lower-cased, possessive removed). */
public interface SurfaceAttribute extends Attribute {
  String surface();

  void setSurface(String surface);
}
