package org.newsindex.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.newsindex.index.DocKind;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStore;

/**
 * The documents of the files a {@code source} filter names: their articles (by file ordinal) and
 * every headline they list (by ordinal), however many other files list it too.
 */
record SourceFilter(Set<Integer> fileOrds, Set<Long> headlineOrds) {
  static final int MAX_FILES = 10_000;

  /** Manifests read per request: small pages, so the budget is checked often. */
  private static final int PAGE = 100;

  /**
   * Reads the manifests of the files whose key starts with the prefix, page by page within the
   * search's budget; a prefix that matches more files than {@value #MAX_FILES}, or than the budget
   * lets the search read, is too broad.
   */
  static SourceFilter read(SourceStore store, String prefix, ReadAllowance allowance) {
    List<SourceManifest> files = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      allowance.checkTime();
      int want =
          (int) Math.min(PAGE, Math.min(MAX_FILES + 1 - files.size(), allowance.itemsLeft()));
      if (want <= 0 || !allowance.affords(want, 0)) {
        throw tooBroad(prefix, files.size(), allowance);
      }
      List<SourceManifest> page = store.list(prefix, want, after, allowance.deadline());
      files.addAll(page);
      if (files.size() > MAX_FILES) {
        throw new QueryTooBroadException(
            "source '"
                + prefix
                + "' matches more than "
                + MAX_FILES
                + " files; use a longer prefix");
      }
      if (allowance.overspent()) {
        throw tooBroad(prefix, files.size(), allowance);
      }
      if (page.size() < want) {
        break;
      }
      after = Optional.of(page.get(page.size() - 1).key());
    }
    Set<Long> headlines = new HashSet<>();
    files.forEach(m -> headlines.addAll(m.headlineOrds()));
    return new SourceFilter(
        files.stream().map(SourceManifest::fileOrd).collect(TreeSet::new, Set::add, Set::addAll),
        headlines);
  }

  private static QueryTooBroadException tooBroad(String prefix, int read, ReadAllowance allowance) {
    return new QueryTooBroadException(
        "source '"
            + prefix
            + "' matches more files than a search may read (it stopped after "
            + read
            + " files, "
            + Math.round(allowance.unitsRead())
            + " read units of its budget of "
            + Math.round(allowance.budget().readUnits())
            + "); use a longer prefix");
  }

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
