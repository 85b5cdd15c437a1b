package org.newsindex.search;

import java.util.Set;
import org.newsindex.index.DocKind;

/**
 * The documents of the files a {@code source} filter names: their articles (by file ordinal) and
 * every headline they list (by ordinal), however many other files list it too.
 */
record SourceFilter(Set<Integer> fileOrds, Set<Long> headlineOrds) {
  boolean accepts(long ord, DocKind kind, int[] sources) {
    if (kind == DocKind.HEADLINE) {
      return headlineOrds.contains(ord);
    }
    for (int f : sources) {
      if (fileOrds.contains(f)) {
        return true;
      }
    }
    return false;
  }
}
